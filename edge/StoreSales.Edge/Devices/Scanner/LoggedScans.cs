using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>The scan sink of the walking skeleton: a debug log line per scan.</summary>
internal sealed partial class LoggedScans(ILogger<LoggedScans> logger, IOptions<AgentOptions> agent) : IScanSink
{
    public void OnScan(string terminalId, DecodedScan scan, DateTimeOffset scannedAt) =>
        LogScan(logger, agent.Value.StoreId, terminalId, scan.Kind, scan.Gtin, scan.ItemCode, scan.Price, scan.Currency, scan.WeightKg, scan.MemberId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} terminal {TerminalId}: scanned {Kind} gtin={Gtin} item={ItemCode} price={Price} {Currency} weightKg={WeightKg} member={MemberId}")]
    private static partial void LogScan(ILogger logger, string storeId, string terminalId, ScanKind kind, string? gtin, string? itemCode, decimal? price, string? currency, decimal? weightKg, string? memberId);
}
