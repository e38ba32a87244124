namespace StoreSales.Edge.Devices.Scanner;

/// <summary>The bytes a serial scanner sends after each barcode, by their configuration name.</summary>
public static class ScannerSuffix
{
    public static bool TryParse(string? name, out byte[] terminator)
    {
        terminator = name?.Trim().ToUpperInvariant() switch
        {
            null or "" or "CR" => [(byte)'\r'],
            "CRLF" => [(byte)'\r', (byte)'\n'],
            "LF" => [(byte)'\n'],
            _ => [],
        };
        return terminator.Length > 0;
    }
}
