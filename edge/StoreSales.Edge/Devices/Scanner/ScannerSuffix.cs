namespace StoreSales.Edge.Devices.Scanner;

/// <summary>The suffix a serial scanner sends after each barcode, by its configuration name.</summary>
public static class ScannerSuffix
{
    /// <summary>The names <see cref="TryParse"/> takes, for messages.</summary>
    public const string Names = "NONE, CR, LF, CRLF, TAB or ETX";

    public static bool TryParse(string? name, out ScannerSuffixKind suffix)
    {
        ScannerSuffixKind? parsed = name?.Trim().ToUpperInvariant() switch
        {
            null or "" or "CR" => ScannerSuffixKind.Cr,
            "NONE" => ScannerSuffixKind.None,
            "LF" => ScannerSuffixKind.Lf,
            "CRLF" => ScannerSuffixKind.CrLf,
            "TAB" => ScannerSuffixKind.Tab,
            "ETX" => ScannerSuffixKind.Etx,
            _ => null,
        };
        suffix = parsed ?? ScannerSuffixKind.Cr;
        return parsed is not null;
    }
}
