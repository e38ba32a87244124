namespace StoreSales.Domain.Demo;

/// <summary>
/// Which items a demo sale line takes: the items file's order is the popularity rank (the first line sells most), with
/// weights falling as 1/rank^0.6, so a few items sell often and the long tail still sells every few hours. The demo
/// history and the simulated tills pick through this one mix, so each item's usual rate (from history) and its live rate
/// agree, and only a boosted item shows a lift.
/// </summary>
public sealed class DemoItemMix
{
    // Flat enough that the 200th item of the demo catalog still sells about once an hour in a busy store (its usual rate
    // is not zero), steep enough that a best-seller is obvious on the heatmap.
    private const double RankExponent = 0.6;

    private readonly double[] _weights;
    private readonly double[] _cumulative;

    public DemoItemMix(int itemCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        _weights = [.. Enumerable.Range(1, itemCount).Select(rank => 1 / Math.Pow(rank, RankExponent))];
        _cumulative = new double[itemCount];
        var sum = 0d;
        for (var i = 0; i < itemCount; i++)
        {
            sum += _weights[i];
            _cumulative[i] = sum;
        }
    }

    public int Count => _weights.Length;

    /// <summary>Share (0–1) of sale lines that take item <paramref name="index"/> while the <paramref name="boosts"/> run.</summary>
    public double Share(int index, DemoItemBoosts? boosts = null) => Weight(index, boosts) / Total(boosts);

    /// <summary>The item of one sale line: by popularity, a boosted item <see cref="DemoItemBoosts.Lift"/> times as likely.</summary>
    public int Pick(Random random, DemoItemBoosts? boosts = null)
    {
        var baseTotal = _cumulative[^1];
        var draw = random.NextDouble() * Total(boosts);
        if (draw < baseTotal || boosts is null)
        {
            var index = Array.BinarySearch(_cumulative, draw);
            return Math.Min(index < 0 ? ~index : index + 1, Count - 1);
        }

        // Past the base weights lies each boosted item's extra weight, one after the other.
        draw -= baseTotal;
        foreach (var item in boosts.Items)
        {
            var extra = _weights[item] * (boosts.Lift - 1);
            if (draw < extra)
            {
                return item;
            }

            draw -= extra;
        }

        return boosts.Items[^1];
    }

    /// <summary>Mean unit price of a sale line under the mix (what a line brings on average, before quantity).</summary>
    public decimal ExpectedUnitPrice(IReadOnlyList<decimal> prices, DemoItemBoosts? boosts = null)
    {
        if (prices.Count != Count)
        {
            throw new ArgumentException($"{prices.Count} prices for a mix of {Count} items.", nameof(prices));
        }

        var weighted = 0d;
        for (var i = 0; i < Count; i++)
        {
            weighted += Weight(i, boosts) * (double)prices[i];
        }

        return (decimal)(weighted / Total(boosts));
    }

    private double Weight(int index, DemoItemBoosts? boosts) =>
        _weights[index] * (boosts is not null && boosts.Items.Contains(index) ? boosts.Lift : 1);

    private double Total(DemoItemBoosts? boosts) =>
        _cumulative[^1] + (boosts is null ? 0 : boosts.Items.Sum(i => _weights[i] * (boosts.Lift - 1)));
}

/// <summary>Items selling <see cref="Lift"/> times their usual rate right now (a promotion, a hot day, a viral post).</summary>
public sealed record DemoItemBoosts(IReadOnlyList<int> Items, double Lift);

/// <summary>
/// When and which items a simulated store boosts: time is cut into periods of <see cref="Duration"/>; in each, <see cref="Count"/>
/// items drawn from the <see cref="AmongTop"/> best-sellers sell <see cref="Lift"/> times as often. Best-sellers, because
/// their usual rate is well established in the history, so the lift the board shows is the boost and not noise. The
/// draw depends only on the seed and the period, so a restarted simulator keeps the same hot items.
/// </summary>
public sealed record DemoHotItemSchedule(int Count, double Lift, TimeSpan Duration, int AmongTop)
{
    /// <summary>The boosts running at <paramref name="at"/>; null when none are configured.</summary>
    public DemoItemBoosts? At(DateTimeOffset at, int seed, int itemCount)
    {
        if (Count <= 0 || Lift <= 1 || itemCount == 0)
        {
            return null;
        }

        var period = at.ToUnixTimeMilliseconds() / (long)Duration.TotalMilliseconds;
        var random = new Random(unchecked((int)(period * 397) ^ seed));
        var pool = Math.Min(AmongTop, itemCount);
        var items = Enumerable.Range(0, pool).OrderBy(_ => random.Next()).Take(Math.Min(Count, pool)).Order().ToList();
        return new DemoItemBoosts(items, Lift);
    }

    /// <summary>When the period holding <paramref name="at"/> ends and the next set of items takes over.</summary>
    public DateTimeOffset PeriodEnd(DateTimeOffset at)
    {
        var length = (long)Duration.TotalMilliseconds;
        return DateTimeOffset.FromUnixTimeMilliseconds(((at.ToUnixTimeMilliseconds() / length) + 1) * length);
    }
}
