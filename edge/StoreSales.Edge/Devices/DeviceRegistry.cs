using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Hid;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Devices;

/// <summary>The device adapters of this agent, built once from the <c>Terminals</c> configuration.</summary>
public sealed class DeviceRegistry(IReadOnlyList<IDeviceAdapter> adapters)
{
    public IReadOnlyList<IDeviceAdapter> Adapters { get; } = adapters;

    /// <summary>One till adapter per terminal, plus a serial scanner adapter where a ScannerPort is set.</summary>
    /// <remarks>The seam for more device kinds (HID scanners, receipt capture): choose the adapter here.</remarks>
    internal static DeviceRegistry Create(IServiceProvider services)
    {
        var agent = services.GetRequiredService<IOptions<AgentOptions>>().Value;
        var terminals = services.GetRequiredService<IOptions<TerminalsOptions>>().Value;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var time = services.GetRequiredService<TimeProvider>();
        var sales = services.GetRequiredService<ISaleSink>();
        var scans = services.GetRequiredService<IScanSink>();
        var scanOptions = services.GetRequiredService<IOptions<ScanDecoderOptions>>().Value;

        var adapters = new List<IDeviceAdapter>();
        foreach (var terminal in terminals.Terminals)
        {
            if (!string.IsNullOrWhiteSpace(terminal.TillPort))
            {
                adapters.Add(new TillAdapter(terminal, agent, sales, loggers.CreateLogger<TillAdapter>(), time, services.GetService<IOpenSaleJournal>(), services.GetService<IZReportSink>()));
            }

            if (!string.IsNullOrWhiteSpace(terminal.ReceiptPort))
            {
                adapters.Add(Receipts.ReceiptAdapter.Create(terminal, agent, services));
            }

            if (!string.IsNullOrWhiteSpace(terminal.ScannerPort))
            {
                adapters.Add(new SerialScannerAdapter(terminal, agent, scans, loggers.CreateLogger<SerialScannerAdapter>(), time, scanOptions));
            }

            if (!string.IsNullOrWhiteSpace(terminal.HidScanner))
            {
                adapters.Add(new HidScannerAdapter(terminal, agent, scans, loggers.CreateLogger<HidScannerAdapter>(), time, scanOptions));
            }
        }

        return new DeviceRegistry(adapters);
    }
}
