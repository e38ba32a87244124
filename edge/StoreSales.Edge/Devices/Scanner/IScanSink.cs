namespace StoreSales.Edge.Devices.Scanner;

/// <summary>One valid barcode read at a terminal.</summary>
public sealed record Scan(string TerminalId, string Code, DateTimeOffset ScannedAt);

/// <summary>
/// Where scanner adapters hand valid scans. For now the till line is the record of sale and scans are only
/// counted and logged; hot-item signals or GS1 lookups plug in here later.
/// </summary>
public interface IScanSink
{
    void OnScan(Scan scan);
}
