namespace StoreSales.Domain.Barcodes;

/// <summary>
/// How one terminal's scanner sends its data, bound from <c>Barcodes:Scan:Scanners:{TerminalId}</c>. Plain class with
/// settable properties: bound from configuration.
/// </summary>
public sealed class ScannerBarcodeSettings
{
    /// <summary>
    /// The scanner is configured to send UPC-A as 12 digits under <c>]E0</c>, without the leading 0 that makes it a
    /// GTIN-13 (a common factory setting in North America). Default false: under <c>]E0</c> ISO/IEC 15420 transmits
    /// 13 digits, so 12 are a truncated read and rejected.
    /// </summary>
    public bool UpcAWithoutLeadingZero { get; set; }
}
