namespace StoreSales.Domain.HotItems;

/// <summary>
/// Units sold per item over a sliding window, in fixed buckets (e.g. 12 × 5 minutes for an hour): memory is
/// bounded by items × buckets however many sales arrive, and the window slides by whole buckets.
/// </summary>
public sealed class HotItemWindow
{
    private readonly TimeSpan _bucket;
    private readonly int _slots;
    private readonly long[] _slotBucket; // which bucket number each slot holds now
    private readonly Dictionary<string, decimal[]> _units = new(StringComparer.Ordinal);

    public HotItemWindow(TimeSpan window, TimeSpan bucket)
    {
        if (bucket <= TimeSpan.Zero || window < bucket)
        {
            throw new ArgumentException("The window must hold at least one bucket of positive length.", nameof(bucket));
        }

        _bucket = bucket;
        _slots = (int)Math.Ceiling(window / bucket);
        _slotBucket = Enumerable.Repeat(long.MinValue, _slots).ToArray();
        Window = bucket * _slots;
    }

    /// <summary>The window actually covered: a whole number of buckets.</summary>
    public TimeSpan Window { get; }

    public int ItemCount => _units.Count;

    /// <summary>
    /// Counts units of an item sold at <paramref name="at"/>. Sales older than the window are ignored; a sale
    /// stamped ahead of <paramref name="now"/> (a till clock running fast) counts in the current bucket.
    /// </summary>
    public void Add(string itemCode, decimal units, DateTimeOffset at, DateTimeOffset now)
    {
        var current = BucketOf(now);
        var bucket = Math.Min(BucketOf(at), current);
        if (bucket <= current - _slots)
        {
            return;
        }

        var slot = Slot(bucket);
        if (_slotBucket[slot] != bucket)
        {
            ClearSlot(slot, bucket);
        }

        if (!_units.TryGetValue(itemCode, out var counts))
        {
            _units[itemCode] = counts = new decimal[_slots];
        }

        counts[slot] += units;
    }

    /// <summary>The items with most units inside the window ending at <paramref name="now"/>.</summary>
    public IReadOnlyList<ItemVelocity> Top(int count, DateTimeOffset now)
    {
        var current = BucketOf(now);
        var live = new bool[_slots];
        for (var slot = 0; slot < _slots; slot++)
        {
            live[slot] = _slotBucket[slot] > current - _slots && _slotBucket[slot] <= current;
        }

        var hours = (decimal)Window.TotalHours;
        return _units
            .Select(pair =>
            {
                var total = 0m;
                for (var slot = 0; slot < _slots; slot++)
                {
                    total += live[slot] ? pair.Value[slot] : 0;
                }

                return (Item: pair.Key, Units: total);
            })
            .Where(x => x.Units > 0)
            .OrderByDescending(x => x.Units)
            .ThenBy(x => x.Item, StringComparer.Ordinal)
            .Take(count)
            .Select(x => new ItemVelocity(x.Item, x.Units, x.Units / hours))
            .ToList();
    }

    /// <summary>Forgets items that sold nothing inside the window, so a quiet store holds little.</summary>
    public void Prune(DateTimeOffset now)
    {
        var current = BucketOf(now);
        for (var slot = 0; slot < _slots; slot++)
        {
            if (_slotBucket[slot] != long.MinValue && _slotBucket[slot] <= current - _slots)
            {
                ClearSlot(slot, long.MinValue);
            }
        }

        foreach (var item in _units.Where(p => Array.TrueForAll(p.Value, u => u == 0)).Select(p => p.Key).ToList())
        {
            _units.Remove(item);
        }
    }

    private long BucketOf(DateTimeOffset at) => at.UtcTicks / _bucket.Ticks;

    private int Slot(long bucket) => (int)(((bucket % _slots) + _slots) % _slots);

    private void ClearSlot(int slot, long bucket)
    {
        foreach (var counts in _units.Values)
        {
            counts[slot] = 0;
        }

        _slotBucket[slot] = bucket;
    }
}
