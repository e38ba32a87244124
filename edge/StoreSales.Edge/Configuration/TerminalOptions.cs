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

    /// <summary>Speed of the till and receipt lines (8N1), and of a serial scanner without a preset or <see cref="ScannerBaudRate"/>.</summary>
    public int BaudRate { get; set; } = 9600;

    /// <summary>Serial scanner family preset (see <see cref="Devices.Scanner.ScannerLine.Presets"/>); explicit Scanner* keys override it.</summary>
    public string? ScannerPreset { get; set; }

    public int? ScannerBaudRate { get; set; }

    /// <summary>5–8; below 8 the high bits of every byte are masked off.</summary>
    public int? ScannerDataBits { get; set; }

    /// <summary><c>None</c>, <c>Odd</c>, <c>Even</c>, <c>Mark</c> or <c>Space</c>.</summary>
    public string? ScannerParity { get; set; }

    /// <summary><c>One</c>, <c>OnePointFive</c> or <c>Two</c>.</summary>
    public string? ScannerStopBits { get; set; }

    /// <summary><c>None</c>, <c>XOnXOff</c>, <c>RequestToSend</c> or <c>RequestToSendXOnXOff</c>.</summary>
    public string? ScannerHandshake { get; set; }

    /// <summary>Scanner frame suffix: <c>NONE</c>, <c>CR</c> (default), <c>LF</c>, <c>CRLF</c>, <c>TAB</c> or <c>ETX</c> (with an STX prefix).</summary>
    public string? ScannerSuffix { get; set; }

    /// <summary>A fixed prefix the scanner puts before every code, stripped (escapes such as <c>\x02</c> allowed).</summary>
    public string? ScannerPrefix { get; set; }

    /// <summary>With suffix <c>NONE</c>: a code ends when the line has been quiet this long.</summary>
    public TimeSpan ScannerQuietGap { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Receipt capture: the serial port the POS prints its receipts to (instead of a <see cref="TillPort"/>).</summary>
    public string? ReceiptPort { get; set; }

    /// <summary>Receipt capture: the real printer's port; every byte read on <see cref="ReceiptPort"/> is forwarded there unchanged.</summary>
    public string? ReceiptPassThroughPort { get; set; }

    /// <summary>Receipt capture: the profile that reads the receipts (<c>Terminals:N:Receipt:Profile</c>, <c>…:Inline</c>, <c>…:TimeZone</c>).</summary>
    public Devices.Receipts.ReceiptOptions? Receipt { get; set; }

    /// <summary>HID (keyboard-wedge) scanner: its evdev device by stable path (<c>/dev/input/by-id/…-event-kbd</c>). Linux only.</summary>
    public string? HidScanner { get; set; }

    /// <summary>Keyboard layout the HID scanner types: <c>us</c> (default), <c>fr</c> (AZERTY) or <c>de</c> (QWERTZ).</summary>
    public string HidLayout { get; set; } = "us";

    /// <summary>Grab the HID scanner exclusively (EVIOCGRAB); off by default because the POS needs its keystrokes.</summary>
    public bool HidGrab { get; set; }

    /// <summary>Longest gap between two key presses of one HID scan; slower input is a person typing.</summary>
    public TimeSpan HidMaxKeyGap { get; set; } = TimeSpan.FromMilliseconds(40);
}

/// <summary>The <c>Terminals</c> configuration array, as one options object.</summary>
public sealed class TerminalsOptions
{
    public const string SectionName = "Terminals";

    public List<TerminalOptions> Terminals { get; } = [];
}
