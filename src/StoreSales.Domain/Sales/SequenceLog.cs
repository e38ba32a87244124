namespace StoreSales.Domain.Sales;

/// <summary>
/// Remembers which sequence numbers of one terminal have been counted, so that a retried or overlapping
/// batch counts each sale once. Everything at or below <see cref="Watermark"/> is counted; sequences above it
/// that arrived out of order are kept individually until the gap below them fills.
/// </summary>
/// <remarks>
/// The sequences above the watermark are a sorted run of <c>long</c>s in one array (8 bytes each, a start index so that
/// the watermark moving up drops them from the front without copying), not a tree of nodes (~48 bytes each): a rep is
/// credited with one sale in several of a terminal, so a rep's gaps never fill and its log holds up to the cap of them
/// (docs/benchmarks.md, "Rep grain memory"). Sequences arrive mostly in order, so an insert is mostly an append.
/// </remarks>
public sealed class SequenceLog
{
    private const int RoomKeptWhenEmpty = 64;

    private long[] _above = [];
    private int _start;
    private int _count;

    public SequenceLog(long watermark = 0, IEnumerable<long>? above = null)
    {
        Watermark = watermark;
        if (above is not null)
        {
            var sorted = above.Where(s => s > watermark).Distinct().Order().ToArray();
            _above = sorted;
            _count = sorted.Length;
        }
    }

    public long Watermark { get; private set; }

    /// <summary>The counted sequences above the watermark, ascending.</summary>
    public IReadOnlyList<long> Above => new ArraySegment<long>(_above, _start, _count);

    /// <summary>
    /// Marks <paramref name="sequence"/> counted. False when it already was (a retry).
    /// When more than <paramref name="maxOutOfOrder"/> sequences wait above a gap, the oldest gaps are given up
    /// as permanent (a sale the server rejected never fills its gap), which bounds the memory of a store.
    /// </summary>
    public bool TryMark(long sequence, int maxOutOfOrder)
    {
        if (sequence <= Watermark)
        {
            return false;
        }

        var index = Array.BinarySearch(_above, _start, _count, sequence);
        if (index >= 0)
        {
            return false;
        }

        Insert(~index, sequence);
        DropFilledGaps();
        while (_count > maxOutOfOrder)
        {
            Watermark = TakeMin();
            DropFilledGaps();
        }

        return true;
    }

    /// <summary>Moves the watermark up over the sequences that now follow it without a gap.</summary>
    private void DropFilledGaps()
    {
        while (_count > 0 && _above[_start] == Watermark + 1)
        {
            Watermark = TakeMin();
        }
    }

    private long TakeMin()
    {
        var min = _above[_start];
        _start++;
        _count--;
        if (_count == 0)
        {
            // A burst is over: its room goes back rather than staying with every quiet terminal.
            _start = 0;
            if (_above.Length > RoomKeptWhenEmpty)
            {
                _above = [];
            }
        }

        return min;
    }

    /// <summary>Inserts at <paramref name="position"/> (an index into the array, between _start and _start + _count).</summary>
    private void Insert(int position, long sequence)
    {
        var offset = position - _start;
        if (_start + _count == _above.Length)
        {
            // Full at the end: slide the run to the front if that frees room, else grow.
            var target = _start > 0 && _count < _above.Length / 2 ? _above : new long[Math.Max(4, _above.Length * 2)];
            Array.Copy(_above, _start, target, 0, _count);
            _above = target;
            _start = 0;
        }

        var at = _start + offset;
        Array.Copy(_above, at, _above, at + 1, _count - offset);
        _above[at] = sequence;
        _count++;
    }
}
