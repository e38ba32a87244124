using System.Collections;

namespace StoreSales.Domain.Sales;

/// <summary>
/// Remembers which sequence numbers of one terminal have been counted, so that a retried or overlapping
/// batch counts each sale once. Everything at or below <see cref="Watermark"/> is counted; sequences above it
/// that arrived out of order are kept individually until the gap below them fills. A sequence of a later
/// <see cref="TerminalEpoch"/> starts that epoch's count: the terminal's agent was reinstalled, what its old outbox never
/// sent cannot come any more, so the old epoch's gaps are given up and its numbers are not gaps below the new ones.
/// </summary>
/// <remarks>
/// The sequences above the watermark are kept in runs of up to <see cref="RunMax"/>, each its first sequence and the
/// differences to the next ones as variable-length numbers (7 bits a byte): a rep is credited with one sale in several
/// of a terminal, so a rep's gaps never fill and its log holds up to the cap of them, and the differences between a
/// rep's sales at one till are small — one or two bytes a sale where a <c>long</c> took eight (docs/benchmarks.md, "Rep
/// grain memory"). Sequences arrive mostly in order, so an insert is mostly an append to the last run; a retry or an
/// out-of-order sale finds its run by binary search over the runs' first sequences and reads at most one run.
/// </remarks>
public sealed class SequenceLog
{
    /// <summary>A run holds at most this many sequences; a full run is split (inside) or closed (at the end).</summary>
    internal const int RunMax = 128;

    private readonly List<Run> _runs = [];
    private int _count;

    public SequenceLog(long watermark = 0, IEnumerable<long>? above = null)
    {
        Watermark = watermark;
        if (above is not null)
        {
            foreach (var sequence in above.Where(s => s > watermark).Distinct().Order())
            {
                Append(sequence);
            }
        }
    }

    public long Watermark { get; private set; }

    /// <summary>The counted sequences above the watermark, ascending (read from the runs as enumerated).</summary>
    public IReadOnlyList<long> Above => new AboveView(this);

    /// <summary>
    /// Marks <paramref name="sequence"/> counted. False when it already was (a retry).
    /// When more than <paramref name="maxOutOfOrder"/> sequences wait above a gap, the oldest gaps are given up
    /// as permanent (a sale the server rejected never fills its gap), which bounds the memory of a store.
    /// </summary>
    public bool TryMark(long sequence, int maxOutOfOrder)
    {
        if (TerminalEpoch.Of(sequence) > TerminalEpoch.Of(Watermark))
        {
            StartEpoch(TerminalEpoch.Of(sequence));
        }

        if (sequence <= Watermark)
        {
            return false;
        }

        if (sequence == Watermark + 1)
        {
            // The next one in order, as a store's sales mostly are: the watermark moves, nothing is kept or allocated.
            Watermark = sequence;
        }
        else if (_runs.Count == 0 || sequence > _runs[^1].Last)
        {
            Append(sequence);
        }
        else if (!InsertInside(sequence))
        {
            return false;
        }

        DropFilledGaps();
        while (_count > maxOutOfOrder)
        {
            Watermark = TakeMin();
            DropFilledGaps();
        }

        return true;
    }

    /// <summary>
    /// Gives up what is left of the older epochs (sequences kept above their gaps are counted already; the gaps never
    /// fill) and starts counting <paramref name="epoch"/> before its first sale.
    /// </summary>
    private void StartEpoch(long epoch)
    {
        var start = TerminalEpoch.Before(epoch);
        while (_count > 0 && _runs[0].First <= start)
        {
            TakeMin();
        }

        Watermark = start;
        DropFilledGaps();
    }

    /// <summary>Moves the watermark up over the sequences that now follow it without a gap.</summary>
    private void DropFilledGaps()
    {
        while (_count > 0 && _runs[0].First == Watermark + 1)
        {
            Watermark = TakeMin();
        }
    }

    /// <summary>Above the last sequence kept: onto the last run, or a new run when it is full.</summary>
    private void Append(long sequence)
    {
        if (_runs.Count == 0 || _runs[^1].Count == RunMax)
        {
            if (_runs.Count > 0)
            {
                // A full run only shrinks from now on: its spare room goes back.
                _runs[^1].Trim();
            }

            _runs.Add(new Run(sequence));
        }
        else
        {
            _runs[^1].Append(sequence);
        }

        _count++;
    }

    /// <summary>At or below the last sequence kept: into the run where it belongs; false when it is there already.</summary>
    private bool InsertInside(long sequence)
    {
        var index = RunOf(sequence);
        var run = _runs[index];
        Span<long> values = stackalloc long[RunMax + 1];
        var count = run.Decode(values);
        var position = values[..count].BinarySearch(sequence);
        if (position >= 0)
        {
            return false;
        }

        position = ~position;
        values[position..count].CopyTo(values[(position + 1)..]);
        values[position] = sequence;
        count++;
        if (count <= RunMax)
        {
            run.Encode(values[..count]);
        }
        else
        {
            var half = count / 2;
            run.Encode(values[..half]);
            var second = new Run(values[half]);
            second.Encode(values[half..count]);
            _runs.Insert(index + 1, second);
        }

        _count++;
        return true;
    }

    /// <summary>The run whose first sequence is the greatest at or below <paramref name="sequence"/> (the first run if none).</summary>
    private int RunOf(long sequence)
    {
        int low = 0, high = _runs.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_runs[middle].First <= sequence)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private long TakeMin()
    {
        var run = _runs[0];
        var min = run.First;
        if (run.Count == 1)
        {
            _runs.RemoveAt(0);
        }
        else
        {
            run.DropFirst();
        }

        _count--;
        return min;
    }

    /// <summary>
    /// Ascending sequences: <see cref="First"/>, then each next one as its difference to the one before, 7 bits a byte,
    /// the high bit set on every byte but a number's last.
    /// </summary>
    private sealed class Run
    {
        private byte[] _bytes;
        private int _start;
        private int _end;

        public Run(long first)
        {
            First = first;
            Last = first;
            Count = 1;
            _bytes = [];
        }

        public long First { get; private set; }

        public long Last { get; private set; }

        public int Count { get; private set; }

        public void Append(long sequence)
        {
            var needed = _end + 10;
            if (needed > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(needed, Math.Max(16, _bytes.Length * 2)));
            }

            _end = Write(_bytes, _end, sequence - Last);
            Last = sequence;
            Count++;
        }

        public void Trim()
        {
            _bytes = _bytes.AsSpan(_start, _end - _start).ToArray();
            _end -= _start;
            _start = 0;
        }

        public void DropFirst()
        {
            var at = _start;
            First += Read(_bytes, ref at);
            _start = at;
            Count--;
        }

        /// <summary>Writes the run's sequences into <paramref name="values"/>; returns how many.</summary>
        public int Decode(Span<long> values)
        {
            var value = First;
            values[0] = value;
            var at = _start;
            for (var i = 1; i < Count; i++)
            {
                value += Read(_bytes, ref at);
                values[i] = value;
            }

            return Count;
        }

        /// <summary>Replaces the run's sequences with <paramref name="values"/> (ascending, at least one), in bytes of exactly their size.</summary>
        public void Encode(ReadOnlySpan<long> values)
        {
            Span<byte> buffer = stackalloc byte[(RunMax + 1) * 10];
            var end = 0;
            for (var i = 1; i < values.Length; i++)
            {
                end = Write(buffer, end, values[i] - values[i - 1]);
            }

            _bytes = buffer[..end].ToArray();
            _start = 0;
            _end = end;
            First = values[0];
            Last = values[^1];
            Count = values.Length;
        }

        public IEnumerable<long> Values()
        {
            var value = First;
            yield return value;
            var at = _start;
            for (var i = 1; i < Count; i++)
            {
                value += Read(_bytes, ref at);
                yield return value;
            }
        }

        private static int Write(Span<byte> bytes, int at, long difference)
        {
            var rest = (ulong)difference;
            while (rest >= 0x80)
            {
                bytes[at++] = (byte)(rest | 0x80);
                rest >>= 7;
            }

            bytes[at++] = (byte)rest;
            return at;
        }

        private static long Read(byte[] bytes, ref int at)
        {
            ulong value = 0;
            var shift = 0;
            byte b;
            do
            {
                b = bytes[at++];
                value |= (ulong)(b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80);

            return (long)value;
        }
    }

    /// <summary>The sequences above the watermark as a list: its count at once, its items read from the runs.</summary>
    private sealed class AboveView(SequenceLog log) : IReadOnlyList<long>
    {
        public int Count => log._count;

        public long this[int index] =>
            index >= 0 && index < Count ? log._runs.SelectMany(r => r.Values()).Skip(index).First() : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<long> GetEnumerator() => log._runs.SelectMany(r => r.Values()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
