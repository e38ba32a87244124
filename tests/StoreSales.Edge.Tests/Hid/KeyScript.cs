using StoreSales.Edge.Devices.Hid;

namespace StoreSales.Edge.Tests.Hid;

/// <summary>
/// Builds <c>input_event</c> sequences the way the kernel reports a USB keyboard (or a scanner playing one):
/// for each press or release an EV_MSC/MSC_SCAN with the HID usage, the EV_KEY, then a SYN_REPORT; autorepeats
/// come as EV_KEY value 2 without a scan code. Times are the kernel's timestamps, in microseconds.
/// </summary>
internal sealed class KeyScript
{
    /// <summary>2024-06-10 06:13:20.123456 UTC, a plausible CLOCK_REALTIME.</summary>
    public const long DefaultStart = (1_718_000_000L * 1_000_000) + 123_456;

    /// <summary>A scanner's typical pace: a key every 2 ms.</summary>
    public static readonly TimeSpan ScannerGap = TimeSpan.FromMilliseconds(2);

    private readonly List<InputEvent> _events = [];

    public KeyScript(long startMicros = DefaultStart)
    {
        Now = startMicros;
    }

    public long Now { get; private set; }

    public IReadOnlyList<InputEvent> Events => _events;

    public KeyScript Wait(TimeSpan duration)
    {
        Now += duration.Ticks / TimeSpan.TicksPerMicrosecond;
        return this;
    }

    public KeyScript Down(ushort code) => Key(code, EventTypes.KeyPress, withScanCode: true);

    public KeyScript Up(ushort code) => Key(code, EventTypes.KeyRelease, withScanCode: true);

    public KeyScript Repeat(ushort code) => Key(code, EventTypes.KeyRepeat, withScanCode: false);

    public KeyScript Raw(ushort type, ushort code, int value)
    {
        _events.Add(At(type, code, value));
        return this;
    }

    /// <summary>
    /// Types <paramref name="keys"/> (each optionally with Left Shift held around it) with presses exactly
    /// <paramref name="gap"/> apart, each key released 0.4 ms after its press; then Enter after the same gap.
    /// </summary>
    public KeyScript Type(TimeSpan gap, IEnumerable<(ushort Code, bool Shift)> keys, bool enter = true)
    {
        var gapMicros = gap.Ticks / TimeSpan.TicksPerMicrosecond;
        foreach (var (code, shift) in keys)
        {
            var pressAt = Now;
            if (shift)
            {
                Down(LinuxKeys.LeftShift);
            }

            Down(code);
            Now += 400;
            Up(code);
            if (shift)
            {
                Now += 50;
                Up(LinuxKeys.LeftShift);
            }

            Now = pressAt + gapMicros;
        }

        if (enter)
        {
            Down(LinuxKeys.Enter);
            Now += 400;
            Up(LinuxKeys.Enter);
            Now += gapMicros;
        }

        return this;
    }

    /// <summary>The number-row keys for <paramref name="digits"/>; <paramref name="shift"/> is what AZERTY needs.</summary>
    public static IEnumerable<(ushort Code, bool Shift)> NumberRow(string digits, bool shift) =>
        digits.Select(d => (d == '0' ? LinuxKeys.D0 : (ushort)(LinuxKeys.D1 + (d - '1')), shift));

    public byte[] ToBytes() => Encode(_events);

    public static byte[] Encode(IReadOnlyList<InputEvent> events)
    {
        var bytes = new byte[events.Count * InputEvent.Size];
        for (var i = 0; i < events.Count; i++)
        {
            events[i].WriteTo(bytes.AsSpan(i * InputEvent.Size, InputEvent.Size));
        }

        return bytes;
    }

    private KeyScript Key(ushort code, int value, bool withScanCode)
    {
        if (withScanCode)
        {
            _events.Add(At(EventTypes.Msc, EventTypes.MscScan, 0x70000 + code));
        }

        _events.Add(At(EventTypes.Key, code, value));
        _events.Add(At(EventTypes.Syn, EventTypes.SynReport, 0));
        return this;
    }

    private InputEvent At(ushort type, ushort code, int value) => new(Now / 1_000_000, Now % 1_000_000, type, code, value);
}
