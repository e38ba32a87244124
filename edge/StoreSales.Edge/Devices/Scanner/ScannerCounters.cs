namespace StoreSales.Edge.Devices.Scanner;

/// <summary>Counter names of a scanner adapter (<see cref="DeviceSnapshot.Counters"/>).</summary>
public static class ScannerCounters
{
    /// <summary>Frames received with a payload, whatever it was.</summary>
    public const string Frames = "frames";

    /// <summary>Valid GTIN scans.</summary>
    public const string Scans = "scans";

    /// <summary>GTIN-shaped codes (8/12/13/14 digits) whose check digit is wrong.</summary>
    public const string InvalidCheckDigits = "invalid-check-digits";

    /// <summary>Payloads that are not a GTIN at all (other symbologies come with a later adapter).</summary>
    public const string Unrecognized = "unrecognized";

    /// <summary>Frames longer than 256 bytes without a suffix, discarded.</summary>
    public const string Overlong = "overlong-frames";

    /// <summary>Times the port was opened.</summary>
    public const string Opens = "opens";

    /// <summary>Failed opens and lost connections.</summary>
    public const string PortFaults = "port-faults";

    internal static DeviceCounters Create() => new(Frames, Scans, InvalidCheckDigits, Unrecognized, Overlong);
}
