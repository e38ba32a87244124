using StoreSales.Domain.Barcodes;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>
/// Where scanner adapters hand valid scans, decoded by <see cref="ScanDecoder"/>: a GTIN, a GS1 element string,
/// a variable-measure code or a member code (<see cref="DecodedScan.Kind"/>). For now the till line is the record
/// of sale and scans are only counted and logged; hot-item signals or GS1 lookups plug in here later.
/// </summary>
public interface IScanSink
{
    /// <param name="terminalId">The terminal whose scanner read it.</param>
    /// <param name="scan">The decoded scan; always <see cref="DecodedScan.Valid"/>.</param>
    /// <param name="scannedAt">When the adapter received it.</param>
    void OnScan(string terminalId, DecodedScan scan, DateTimeOffset scannedAt);
}
