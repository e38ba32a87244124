using StoreSales.Edge.Devices.Scanner;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>
/// From input events to scan entries: keeps EV_KEY, translates it with the <see cref="KeyboardState"/>, times it
/// with the <see cref="ScanAssembler"/>. Counts events, ignored records, unmapped keys, SYN_DROPPED, typed entries
/// and over-long bursts; the caller classifies what a completed scan is (GTIN or not). Never throws on input.
/// </summary>
public sealed class HidScanDecoder
{
    private readonly KeyboardState _keyboard;
    private readonly ScanAssembler _assembler;
    private readonly DeviceCounters _counters;
    private bool _dropping;

    internal HidScanDecoder(KeyboardLayout layout, TimeSpan maxKeyGap, int maxLength, DeviceCounters counters)
    {
        _keyboard = new KeyboardState(layout);
        _assembler = new ScanAssembler(maxKeyGap, maxLength);
        _counters = counters;
    }

    /// <summary>A decoder with its own counters (<see cref="HidScannerCounters"/>), for tools and tests.</summary>
    public HidScanDecoder(KeyboardLayout layout, TimeSpan maxKeyGap, int maxLength = HidScannerAdapter.MaxScanLength)
        : this(layout, maxKeyGap, maxLength, HidScannerCounters.Create())
    {
    }

    public KeyboardLayout Layout => _keyboard.Layout;

    public IReadOnlyDictionary<string, long> Counters => _counters.ToDictionary();

    /// <summary>Takes one event; returns the entry an Enter completed, or <see cref="ScanEntry.Nothing"/>.</summary>
    public ScanEntry Feed(InputEvent e)
    {
        _counters.Increment(HidScannerCounters.Events);
        switch (e.Type)
        {
            case EventTypes.Syn:
                // After SYN_DROPPED the kernel's documentation says: drop everything up to the next SYN_REPORT.
                if (e.Code == EventTypes.SynDropped)
                {
                    _counters.Increment(HidScannerCounters.SynDropped);
                    Reset();
                    _dropping = true;
                }
                else if (e.Code == EventTypes.SynReport)
                {
                    _dropping = false;
                }

                return ScanEntry.Nothing;

            case EventTypes.Msc or EventTypes.Led or EventTypes.Rep:
                return ScanEntry.Nothing; // a keyboard's ordinary chatter: scan codes, LEDs, repeat settings

            case EventTypes.Key when e.Value is >= EventTypes.KeyRelease and <= EventTypes.KeyRepeat && e.Code <= LinuxKeys.Max:
                return _dropping ? ScanEntry.Nothing : OnKey(e);

            default:
                _counters.Increment(HidScannerCounters.IgnoredEvents);
                return ScanEntry.Nothing;
        }
    }

    /// <summary>Forgets held keys and the entry in progress.</summary>
    public void Reset()
    {
        _keyboard.Reset();
        _assembler.Reset();
        _dropping = false;
    }

    private ScanEntry OnKey(InputEvent e)
    {
        var press = _keyboard.Apply(e.Code, e.Value);
        switch (press.Kind)
        {
            case KeyPressKind.Character:
                _assembler.OnKey(press.Character, e.TimestampMicroseconds, press.Repeat);
                return ScanEntry.Nothing;

            case KeyPressKind.Unmapped:
                _counters.Increment(HidScannerCounters.UnmappedKeys);
                _assembler.OnKey(null, e.TimestampMicroseconds, press.Repeat);
                return ScanEntry.Nothing;

            case KeyPressKind.Enter:
                var entry = _assembler.OnEnter(e.TimestampMicroseconds);
                if (entry.Typed)
                {
                    _counters.Increment(HidScannerCounters.Typed);
                }

                if (entry.Kind == ScanEntryKind.Overlong)
                {
                    _counters.Increment(ScannerCounters.Overlong);
                }

                return entry;

            default:
                return ScanEntry.Nothing;
        }
    }
}
