using StoreSales.Domain.Barcodes;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>Counter names of a scanner adapter (<see cref="DeviceSnapshot.Counters"/>).</summary>
public static class ScannerCounters
{
    /// <summary>Frames received with a payload, whatever it was.</summary>
    public const string Frames = "frames";

    /// <summary>Valid plain GTIN scans (8/12/13/14 digits, or a GTIN symbology by its AIM prefix).</summary>
    public const string Scans = "scans";

    /// <summary>Valid GS1 element strings (GS1-128, DataBar, GS1 DataMatrix/QR).</summary>
    public const string Gs1Scans = "gs1-scans";

    /// <summary>Valid variable-measure codes (price or weight embedded, <c>Barcodes:Scan</c> presets or rules).</summary>
    public const string VariableMeasureScans = "variable-measure-scans";

    /// <summary>Valid member (loyalty card) codes, by <c>Barcodes:Scan:MemberCodePattern</c>.</summary>
    public const string MemberScans = "member-scans";

    /// <summary>Codes with a wrong check digit: the GTIN's, an AI's (e.g. (01)) or a variable-measure price's.</summary>
    public const string InvalidCheckDigits = "invalid-check-digits";

    /// <summary>Codes recognised by kind but unusable otherwise (a malformed element string, an unreadable embedded value).</summary>
    public const string Invalid = "invalid-scans";

    /// <summary>Payloads that are no GTIN, GS1 element string, variable-measure or member code.</summary>
    public const string Unrecognized = "unrecognized";

    /// <summary>Frames longer than 256 bytes without a suffix, discarded.</summary>
    public const string Overlong = "overlong-frames";

    /// <summary>Serial frames discarded before decoding: the configured prefix or the STX of an STX…ETX frame missing, or control bytes other than GS.</summary>
    public const string Garbage = "garbage-frames";

    /// <summary>Times the port was opened.</summary>
    public const string Opens = "opens";

    /// <summary>Failed opens and lost connections.</summary>
    public const string PortFaults = "port-faults";

    /// <summary>The counters a decoded scan can move, for adapters to create with their own.</summary>
    internal static readonly string[] ScanOutcomes = [Frames, Scans, Gs1Scans, VariableMeasureScans, MemberScans, InvalidCheckDigits, Invalid, Unrecognized, Overlong];

    internal static DeviceCounters Create() => new([.. ScanOutcomes, Garbage]);

    /// <summary>The counter a decoded scan is counted under.</summary>
    public static string For(DecodedScan scan) => scan switch
    {
        { Kind: ScanKind.Unknown } => Unrecognized,
        { Valid: true, Kind: ScanKind.Gtin } => Scans,
        { Valid: true, Kind: ScanKind.Gs1ElementString } => Gs1Scans,
        { Valid: true, Kind: ScanKind.VariableMeasure } => VariableMeasureScans,
        { Valid: true, Kind: ScanKind.Member } => MemberScans,
        { Valid: true } => Unrecognized,
        _ when scan.Reason!.Contains("check digit", StringComparison.Ordinal) => InvalidCheckDigits,
        _ => Invalid,
    };
}
