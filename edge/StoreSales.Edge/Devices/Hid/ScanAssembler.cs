using System.Text;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>What an Enter completed.</summary>
public enum ScanEntryKind
{
    /// <summary>No scan (nothing, or only hand typing, before the Enter).</summary>
    None,

    /// <summary>A scanner burst: <see cref="ScanEntry.Text"/> is its code.</summary>
    Scan,

    /// <summary>A scanner burst longer than the limit, discarded.</summary>
    Overlong,
}

/// <summary>
/// The outcome of one Enter. <paramref name="Typed"/>: hand-typed keys came before it since the last Enter (they
/// are discarded). <paramref name="Unreadable"/>: the scan held a key the layout has no character for.
/// </summary>
public readonly record struct ScanEntry(bool Typed, ScanEntryKind Kind, string? Text, bool Unreadable)
{
    public static ScanEntry Nothing => default;
}

/// <summary>
/// Builds scans from translated key presses. A keyboard-wedge scanner types a whole code in one burst, keys a
/// few milliseconds apart, and ends it with Enter; a person types far slower. So: key presses closer together
/// than the maximum gap form a burst; a longer gap ends the burst in progress, and whatever it held was typed
/// by hand. An Enter that arrives within the gap ends a burst of at least <see cref="MinScanLength"/> keys as a
/// scan. Only key <em>presses</em> are timed, with the kernel's event timestamps, so how the events were
/// delivered (buffered, late, in chunks) does not matter.
/// </summary>
/// <remarks>
/// Hand typing is discarded and counted once per Enter (<see cref="ScanEntry.Typed"/>), so a code typed slowly is
/// one "typed" entry, not one per key. An autorepeat of a character key (the key was held down) marks the
/// burst as typed: scanners never hold a key.
/// </remarks>
public sealed class ScanAssembler
{
    /// <summary>Fewest keys (before the Enter) a burst needs to be a scan; shorter fast bursts are typing (key roll-over).</summary>
    public const int MinScanLength = 4;

    private readonly long _maxGapMicros;
    private readonly int _maxLength;
    private readonly StringBuilder _burst = new();
    private int _burstKeys;
    private bool _burstOverlong;
    private bool _burstUnreadable;
    private bool _burstRepeated;
    private bool _entryTyped;
    private long _lastPress;
    private bool _hasLastPress;

    public ScanAssembler(TimeSpan maxKeyGap, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxKeyGap, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        _maxGapMicros = maxKeyGap.Ticks / TimeSpan.TicksPerMicrosecond;
        _maxLength = maxLength;
    }

    /// <summary>A key that typed <paramref name="character"/> (null: a key with no character) at <paramref name="timestampMicros"/>.</summary>
    public void OnKey(char? character, long timestampMicros, bool repeat)
    {
        if (_hasLastPress && !IsBurstGap(timestampMicros))
        {
            EndBurstAsTyping();
        }

        _lastPress = timestampMicros;
        _hasLastPress = true;
        _burstKeys++;
        _burstRepeated |= repeat;
        if (character is not { } c)
        {
            _burstUnreadable = true;
        }
        else if (_burst.Length < _maxLength)
        {
            _burst.Append(c);
        }
        else
        {
            _burstOverlong = true;
        }
    }

    /// <summary>Enter pressed at <paramref name="timestampMicros"/>: ends the entry.</summary>
    public ScanEntry OnEnter(long timestampMicros)
    {
        var entry = ScanEntry.Nothing;
        if (_burstKeys > 0)
        {
            var isScan = IsBurstGap(timestampMicros) && !_burstRepeated && _burstKeys >= MinScanLength;
            if (!isScan)
            {
                _entryTyped = true;
            }
            else if (_burstOverlong)
            {
                entry = new ScanEntry(_entryTyped, ScanEntryKind.Overlong, null, _burstUnreadable);
            }
            else
            {
                entry = new ScanEntry(_entryTyped, ScanEntryKind.Scan, _burst.ToString(), _burstUnreadable);
            }
        }

        if (entry.Kind == ScanEntryKind.None && _entryTyped)
        {
            entry = new ScanEntry(true, ScanEntryKind.None, null, false);
        }

        Reset();
        return entry;
    }

    /// <summary>Forgets the entry in progress (device closed, events dropped).</summary>
    public void Reset()
    {
        ClearBurst();
        _entryTyped = false;
        _hasLastPress = false;
    }

    /// <summary>A gap shorter than the maximum; a clock that went backwards counts as a long gap.</summary>
    private bool IsBurstGap(long timestampMicros)
    {
        var gap = timestampMicros - _lastPress;
        return _hasLastPress && gap >= 0 && gap < _maxGapMicros;
    }

    private void EndBurstAsTyping()
    {
        if (_burstKeys > 0)
        {
            _entryTyped = true;
        }

        ClearBurst();
    }

    private void ClearBurst()
    {
        _burst.Clear();
        _burstKeys = 0;
        _burstOverlong = false;
        _burstUnreadable = false;
        _burstRepeated = false;
    }
}
