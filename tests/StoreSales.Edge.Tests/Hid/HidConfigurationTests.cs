using Microsoft.Extensions.Options;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Devices.Hid;
using StoreSales.Edge.Devices.Scanner;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Hid;

/// <summary>The <c>Terminals:N:Hid*</c> keys in the real agent host.</summary>
public sealed class HidConfigurationTests
{
    [Fact]
    public async Task A_configured_HID_scanner_runs_in_the_agent_and_shows_in_its_status()
    {
        using var dir = new TempDirectory();
        var fifo = Fifo.Create(dir.File("event-kbd"));
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T07";
        settings["Terminals:0:TillPort"] = dir.File("no-till");
        settings["Terminals:0:HidScanner"] = fifo;
        settings["Terminals:0:HidLayout"] = "fr";
        settings["Terminals:0:HidMaxKeyGap"] = "00:00:00.025";
        await using var agent = await TestAgent.StartAsync(settings);

        await Eventually.Holds(() => Device(agent) is { Connected: true }, "the HID scanner to open", cancellationToken: TestContext.Current.CancellationToken);
        await using var device = await Fifo.OpenWriterAsync(fifo);
        var code = Gtin.WithCheckDigit("400638133393");
        var script = new KeyScript()
            .Type(TimeSpan.FromMilliseconds(30), KeyScript.NumberRow(code, shift: true))   // slower than the 25 ms configured
            .Wait(TimeSpan.FromSeconds(1))
            .Type(KeyScript.ScannerGap, KeyScript.NumberRow(code, shift: true));
        device.Write(script.ToBytes());

        await Eventually.Holds(() => Device(agent)![ScannerCounters.Scans] == 1, "one scan", cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = Device(agent)!;
        Assert.Equal(("T07", fifo), (snapshot.TerminalId, snapshot.Source));
        Assert.Equal(1, snapshot[HidScannerCounters.Typed]);
    }

    [Fact]
    public void Defaults_are_US_no_grab_and_40_ms()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = dir.File("no-till");
        settings["Terminals:0:HidScanner"] = dir.File("no-scanner");
        using var host = TestAgent.Build(settings);

        var terminal = Assert.Single(((IOptions<Configuration.TerminalsOptions>)host.Services.GetService(typeof(IOptions<Configuration.TerminalsOptions>))!).Value.Terminals);

        Assert.Equal(("us", false, TimeSpan.FromMilliseconds(40)), (terminal.HidLayout, terminal.HidGrab, terminal.HidMaxKeyGap));
    }

    [Fact]
    public async Task Wrong_HID_settings_are_named_by_their_key()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = "/dev/ttyX";
        settings["Terminals:0:ScannerPort"] = "/dev/input/by-id/usb-scanner-event-kbd";
        settings["Terminals:0:HidScanner"] = "/dev/input/by-id/usb-scanner-event-kbd";
        settings["Terminals:0:HidLayout"] = "azerty";
        settings["Terminals:0:HidMaxKeyGap"] = "00:00:00";

        using var host = TestAgent.Build(settings);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        var message = string.Join("\n", ex.Failures);

        Assert.Contains("Terminals:0:HidLayout 'azerty' must be us, fr, de", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:0:HidMaxKeyGap must be greater than zero", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:0:HidScanner '/dev/input/by-id/usb-scanner-event-kbd' is already used by Terminals:0:ScannerPort", message, StringComparison.Ordinal);
    }

    private static Devices.DeviceSnapshot? Device(TestAgent agent) =>
        agent.Status.Snapshot().Devices.SingleOrDefault(d => d.Kind == "hid-scanner");
}
