using StoreSales.Edge.Devices.Scanner;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>
/// Counter names of a HID scanner adapter (<see cref="DeviceSnapshot.Counters"/>): the serial scanner's
/// (<see cref="ScannerCounters"/>) plus what only a keyboard stream has.
/// </summary>
public static class HidScannerCounters
{
    /// <summary>Enter-terminated entries that held hand-typed keys (discarded): the POS keyboard use of the device.</summary>
    public const string Typed = "typed";

    /// <summary>Well-formed input_event records read.</summary>
    public const string Events = "events";

    /// <summary>Records a keyboard does not send (EV_REL, EV_ABS …, an EV_KEY value other than 0/1/2, a code above KEY_MAX).</summary>
    public const string IgnoredEvents = "ignored-events";

    /// <summary>Bytes that were not part of a plausible record, skipped to resynchronise.</summary>
    public const string GarbageBytes = "garbage-bytes";

    /// <summary>Key presses with no character on the layout (arrows, F-keys, dead keys, Ctrl combinations).</summary>
    public const string UnmappedKeys = "unmapped-keys";

    /// <summary>SYN_DROPPED from the kernel: its buffer overflowed, the entry in progress was discarded.</summary>
    public const string SynDropped = "syn-dropped";

    /// <summary>Codes that decode to nothing valid on the configured layout but to a valid scan on another: HidLayout is probably wrong.</summary>
    public const string LayoutMismatches = "layout-mismatches";

    internal static DeviceCounters Create() => new(
    [
        .. ScannerCounters.ScanOutcomes,
        Typed,
        Events,
        IgnoredEvents,
        UnmappedKeys,
        SynDropped,
        LayoutMismatches,
    ]);
}
