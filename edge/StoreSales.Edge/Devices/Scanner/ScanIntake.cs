using Microsoft.Extensions.Logging;
using StoreSales.Domain.Barcodes;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>
/// What every scanner adapter does with a complete scan, whatever wire it came over: decode it, count it by
/// kind, log what is wrong with it, and hand a usable scan to the sink.
/// </summary>
internal sealed partial class ScanIntake(string storeId, string terminalId, ScanDecoderOptions options, DeviceCounters counters, IScanSink sink, ILogger logger)
{
    /// <summary>Decodes and counts <paramref name="code"/>; true when the scan was usable and went to the sink.</summary>
    public bool Take(string code, DateTimeOffset now, out DecodedScan scan)
    {
        scan = ScanDecoder.Decode(code, options, now.Year, terminalId);
        var counter = ScannerCounters.For(scan);
        counters.Increment(counter);
        switch (counter)
        {
            case ScannerCounters.InvalidCheckDigits:
                LogInvalidCheckDigit(logger, storeId, terminalId, scan.Kind, scan.Reason);
                return false;
            case ScannerCounters.Invalid:
                LogInvalid(logger, storeId, terminalId, scan.Kind, scan.Reason);
                return false;
            case ScannerCounters.Unrecognized:
                LogUnrecognized(logger, storeId, terminalId, code.Length);
                return false;
            default:
                sink.OnScan(terminalId, scan, now);
                return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: {Kind} scan with a wrong check digit: {Reason}")]
    private static partial void LogInvalidCheckDigit(ILogger logger, string storeId, string terminalId, ScanKind kind, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId} terminal {TerminalId}: invalid {Kind} scan: {Reason}")]
    private static partial void LogInvalid(ILogger logger, string storeId, string terminalId, ScanKind kind, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} terminal {TerminalId}: scanned a {Length}-character code that is no GTIN, GS1 element string, variable-measure or member code")]
    private static partial void LogUnrecognized(ILogger logger, string storeId, string terminalId, int length);
}
