namespace StoreSales.Testing;

/// <summary>
/// The hourly store × item rollup against the ledger it summarises: every row the rollup gives that the ledger does not,
/// and every row the ledger gives that the rollup lacks. Zero means equal, row for row. The rollup is what its readers
/// see (<c>sale_item_hour_all</c>: the folded rows and the pending ones, summed per key), or with
/// <see cref="RollupRowsDifferingFromLedger(TestDatabase, bool)"/>'s <c>foldedOnly</c>, <c>sale_item_hour</c> alone; and the
/// daily rollup <c>sale_item_day</c> against the folded hours it sums.
/// </summary>
public static class RollupAudit
{
    private static string Differences(string rollup) => $"""
        SELECT count(*) FROM (
            (SELECT store_id, local_hour, item_code, sum(units), sum(amount), sum(lines)::int FROM {rollup} GROUP BY 1, 2, 3
             EXCEPT
             SELECT s.store_id, date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone), l.item_code, sum(l.quantity), sum(l.amount), count(*)::int
             FROM sale s JOIN sale_line l USING (store_id, terminal_id, sequence) JOIN store st USING (store_id)
             GROUP BY 1, 2, 3)
            UNION ALL
            (SELECT s.store_id, date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone), l.item_code, sum(l.quantity), sum(l.amount), count(*)::int
             FROM sale s JOIN sale_line l USING (store_id, terminal_id, sequence) JOIN store st USING (store_id)
             GROUP BY 1, 2, 3
             EXCEPT
             SELECT store_id, local_hour, item_code, sum(units), sum(amount), sum(lines)::int FROM {rollup} GROUP BY 1, 2, 3)
        ) d
        """;

    // The daily rollup (migration 0540) against the folded hours it sums, row for row both ways.
    private const string DayDifferences = """
        SELECT count(*) FROM (
            (TABLE sale_item_day
             EXCEPT
             SELECT store_id, local_hour::date, item_code, sum(units), sum(amount), sum(lines)::int FROM sale_item_hour GROUP BY 1, 2, 3)
            UNION ALL
            (SELECT store_id, local_hour::date, item_code, sum(units), sum(amount), sum(lines)::int FROM sale_item_hour GROUP BY 1, 2, 3
             EXCEPT
             TABLE sale_item_day)
        ) d
        """;

    /// <summary>
    /// Rows of the hourly rollup that differ from the ledger (both ways), plus rows of the daily rollup that differ from
    /// the folded hours summed per day.
    /// </summary>
    public static async Task<long> RollupRowsDifferingFromLedger(this TestDatabase database, bool foldedOnly = false) =>
        await database.Count(Differences(foldedOnly ? "sale_item_hour" : "sale_item_hour_all")) + await database.Count(DayDifferences);

    /// <summary>Rows waiting in the rollup's pending tables for the fold.</summary>
    public static Task<long> PendingRollupRows(this TestDatabase database) =>
        database.Count("SELECT (SELECT count(*) FROM sale_item_hour_pending_0) + (SELECT count(*) FROM sale_item_hour_pending_1)");
}
