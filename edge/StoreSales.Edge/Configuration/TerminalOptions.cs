namespace StoreSales.Edge.Configuration;

/// <summary>One entry of the <c>Terminals</c> configuration array: a till and, optionally, its scanner.</summary>
public sealed class TerminalOptions
{
    /// <summary>Terminal id, unique within the store (e.g. <c>T01</c>).</summary>
    public string TerminalId { get; set; } = "";

    /// <summary>Serial port of the till's line protocol, opened by path (e.g. <c>/dev/serial/by-id/usb-…</c>).</summary>
    public string TillPort { get; set; } = "";

    /// <summary>Serial port of the barcode scanner, if the terminal has one on serial.</summary>
    public string? ScannerPort { get; set; }

    public int BaudRate { get; set; } = 9600;

    /// <summary>Scanner frame suffix: <c>CR</c> (default), <c>CRLF</c> or <c>LF</c>.</summary>
    public string ScannerSuffix { get; set; } = "CR";
}

/// <summary>The <c>Terminals</c> configuration array, as one options object.</summary>
public sealed class TerminalsOptions
{
    public const string SectionName = "Terminals";

    public List<TerminalOptions> Terminals { get; } = [];
}
