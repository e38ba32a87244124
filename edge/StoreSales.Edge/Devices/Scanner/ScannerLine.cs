using System.IO.Ports;
using System.Text.RegularExpressions;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>How a serial scanner ends each barcode.</summary>
public enum ScannerSuffixKind
{
    /// <summary>Nothing: a barcode ends when the line goes quiet for <see cref="ScannerLine.QuietGap"/>.</summary>
    None,
    Cr,
    Lf,
    CrLf,
    Tab,

    /// <summary>ETX (0x03) after the barcode, STX (0x02) before it.</summary>
    Etx,
}

/// <summary>
/// The wire settings of one serial scanner: its preset's values (<c>Terminals:N:ScannerPreset</c>), each overridden by
/// an explicit key (<c>ScannerBaudRate</c>, <c>ScannerDataBits</c>, <c>ScannerParity</c>, <c>ScannerStopBits</c>,
/// <c>ScannerHandshake</c>, <c>ScannerSuffix</c>), plus the optional fixed prefix to strip and the quiet gap.
/// </summary>
public sealed record ScannerLine(
    int BaudRate,
    int DataBits,
    Parity Parity,
    StopBits StopBits,
    Handshake Handshake,
    ScannerSuffixKind Suffix,
    string? Prefix,
    TimeSpan QuietGap)
{
    public const byte Stx = 0x02;
    public const byte Etx = 0x03;

    /// <summary>Presets for common scanner families; what a preset leaves out comes from the defaults (9600 8N1, CR).</summary>
    public static readonly IReadOnlyDictionary<string, ScannerPreset> Presets = new Dictionary<string, ScannerPreset>(StringComparer.OrdinalIgnoreCase)
    {
        // Factory setting of many low-cost RS-232 scanners: no terminator at all.
        ["gap-9600"] = new(9600, 8, Parity.None, StopBits.One, ScannerSuffixKind.None),

        // OPOS-configured scanners (Honeywell, Datalogic, Zebra in "OPOS/JPOS" mode) end each code with CR.
        ["opos-cr"] = new(9600, 8, Parity.None, StopBits.One, ScannerSuffixKind.Cr),

        // Current USB-serial (CDC-ACM) scanners at full speed with a CR LF suffix.
        ["crlf-115200"] = new(115200, 8, Parity.None, StopBits.One, ScannerSuffixKind.CrLf),

        // Older POS scanners wired for 7 data bits, odd parity (7O1), CR.
        ["cr-9600-7o1"] = new(9600, 7, Parity.Odd, StopBits.One, ScannerSuffixKind.Cr),

        // Scanners framing each code STX … ETX.
        ["stx-etx"] = new(9600, 8, Parity.None, StopBits.One, ScannerSuffixKind.Etx),
    };

    /// <summary>The terminator bytes of the suffix; empty for <see cref="ScannerSuffixKind.None"/>.</summary>
    public byte[] Terminator => Suffix switch
    {
        ScannerSuffixKind.Cr => [(byte)'\r'],
        ScannerSuffixKind.Lf => [(byte)'\n'],
        ScannerSuffixKind.CrLf => [(byte)'\r', (byte)'\n'],
        ScannerSuffixKind.Tab => [(byte)'\t'],
        ScannerSuffixKind.Etx => [Etx],
        _ => [],
    };

    /// <summary>
    /// Resolves the scanner settings of <paramref name="terminal"/>. Each problem is added to <paramref name="failures"/>
    /// naming its key (<paramref name="key"/> is <c>Terminals:N</c>); null when there was one.
    /// </summary>
    public static ScannerLine? Resolve(TerminalOptions terminal, string key, ICollection<string> failures)
    {
        var before = failures.Count;
        var preset = Presets["opos-cr"] with { BaudRate = terminal.BaudRate };
        if (!string.IsNullOrWhiteSpace(terminal.ScannerPreset) && !Presets.TryGetValue(terminal.ScannerPreset.Trim(), out preset))
        {
            failures.Add($"{key}:ScannerPreset '{terminal.ScannerPreset}' is not a scanner preset ({string.Join(", ", Presets.Keys)}).");
            preset = Presets["opos-cr"];
        }

        var baud = terminal.ScannerBaudRate ?? preset.BaudRate;
        if (baud is < 50 or > 4_000_000)
        {
            failures.Add($"{key}:ScannerBaudRate {baud} is not a serial baud rate (e.g. 9600, 115200).");
        }

        var dataBits = terminal.ScannerDataBits ?? preset.DataBits;
        if (dataBits is < 5 or > 8)
        {
            failures.Add($"{key}:ScannerDataBits {dataBits} must be 5, 6, 7 or 8.");
        }

        var parity = Pick(terminal.ScannerParity, preset.Parity, $"{key}:ScannerParity", failures);
        var stopBits = Pick(terminal.ScannerStopBits, preset.StopBits, $"{key}:ScannerStopBits", failures, StopBits.None);
        var handshake = Pick(terminal.ScannerHandshake, Handshake.None, $"{key}:ScannerHandshake", failures);

        var suffix = preset.Suffix;
        if (!string.IsNullOrWhiteSpace(terminal.ScannerSuffix) && !ScannerSuffix.TryParse(terminal.ScannerSuffix, out suffix))
        {
            failures.Add($"{key}:ScannerSuffix '{terminal.ScannerSuffix}' must be {ScannerSuffix.Names}.");
        }

        string? prefix = null;
        if (!string.IsNullOrEmpty(terminal.ScannerPrefix))
        {
            try
            {
                prefix = Regex.Unescape(terminal.ScannerPrefix);
            }
            catch (RegexParseException ex)
            {
                failures.Add($"{key}:ScannerPrefix '{terminal.ScannerPrefix}' has a bad escape ({ex.Error}); write a control character as \\xHH, e.g. \\x02.");
            }
        }

        if (terminal.ScannerQuietGap < TimeSpan.FromMilliseconds(5) || terminal.ScannerQuietGap > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{key}:ScannerQuietGap must be between 00:00:00.005 and 00:00:01 (was {terminal.ScannerQuietGap}).");
        }

        return failures.Count > before ? null : new ScannerLine(baud, dataBits, parity, stopBits, handshake, suffix, prefix, terminal.ScannerQuietGap);
    }

    private static T Pick<T>(string? value, T fallback, string key, ICollection<string> failures, T? forbidden = null)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        // Names only: Enum.TryParse would also take "3" or "0,1".
        var named = !int.TryParse(value, out _) && !value.Contains(',', StringComparison.Ordinal);
        if (named && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            && (forbidden is null || !parsed.Equals(forbidden.Value)))
        {
            return parsed;
        }

        var allowed = Enum.GetNames<T>().Where(n => forbidden is null || n != forbidden.Value.ToString());
        failures.Add($"{key} '{value}' must be {string.Join(", ", allowed)}.");
        return fallback;
    }
}

/// <summary>What a scanner preset sets: line speed and format, and the suffix.</summary>
public sealed record ScannerPreset(int BaudRate, int DataBits, Parity Parity, StopBits StopBits, ScannerSuffixKind Suffix);
