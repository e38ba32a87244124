namespace StoreSales.Domain.Sales;

/// <summary>
/// Remembers which sequence numbers of one terminal have been counted, so that a retried or overlapping
/// batch counts each sale once. Everything at or below <see cref="Watermark"/> is counted; sequences above it
/// that arrived out of order are kept individually until the gap below them fills.
/// </summary>
public sealed class SequenceLog
{
    public SequenceLog(long watermark = 0, IEnumerable<long>? above = null)
    {
        Watermark = watermark;
        Above = above is null ? [] : new SortedSet<long>(above.Where(s => s > watermark));
    }

    public long Watermark { get; private set; }

    public SortedSet<long> Above { get; }

    /// <summary>
    /// Marks <paramref name="sequence"/> counted. False when it already was (a retry).
    /// When more than <paramref name="maxOutOfOrder"/> sequences wait above a gap, the oldest gaps are given up
    /// as permanent (a sale the server rejected never fills its gap), which bounds the memory of a store.
    /// </summary>
    public bool TryMark(long sequence, int maxOutOfOrder)
    {
        if (sequence <= Watermark || !Above.Add(sequence))
        {
            return false;
        }

        while (Above.Count > 0 && Above.Min == Watermark + 1)
        {
            Watermark = Above.Min;
            Above.Remove(Watermark);
        }

        while (Above.Count > maxOutOfOrder)
        {
            Watermark = Above.Min;
            Above.Remove(Watermark);
            while (Above.Count > 0 && Above.Min == Watermark + 1)
            {
                Watermark = Above.Min;
                Above.Remove(Watermark);
            }
        }

        return true;
    }
}
