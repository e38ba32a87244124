namespace StoreSales.Data.Ledger;

/// <summary>
/// The two pending tables of the hourly rollup (migration 0520) and which one the clock gives to the writers: periods of
/// <see cref="LedgerWriterOptions.RollupFoldSeconds"/> alternate between them, and <see cref="SaleItemHourFold"/>
/// empties the one not being written. The clock only keeps writers and fold apart; it is not what keeps the rollup
/// exact (the fold's table lock is), so silos whose clocks differ a little still agree on every sale.
/// </summary>
public static class SaleItemHourPending
{
    /// <summary>The pending tables, by slot.</summary>
    public static readonly IReadOnlyList<string> Tables = ["sale_item_hour_pending_0", "sale_item_hour_pending_1"];

    /// <summary>The slot group commits write to at <paramref name="now"/>.</summary>
    public static int WrittenAt(DateTimeOffset now, int foldSeconds) =>
        (int)(now.ToUnixTimeSeconds() / foldSeconds % 2);

    /// <summary>The slot left to the fold at <paramref name="now"/>: the one written in the period before.</summary>
    public static int FoldedAt(DateTimeOffset now, int foldSeconds) => 1 - WrittenAt(now, foldSeconds);

    /// <summary>How long from <paramref name="now"/> to the middle of the next period, when the fold runs: writers
    /// whose group began before the period turned have long finished with the table it empties.</summary>
    public static TimeSpan UntilNextFold(DateTimeOffset now, int foldSeconds)
    {
        var period = TimeSpan.FromSeconds(foldSeconds).Ticks;
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var middle = sinceEpoch - (sinceEpoch % period) + (period / 2);
        return TimeSpan.FromTicks(middle > sinceEpoch ? middle - sinceEpoch : middle + period - sinceEpoch);
    }
}
