namespace StoreSales.Testing;

/// <summary>
/// The hourly store × item rollup (<c>sale_item_hour</c>) against the ledger it summarises: every row the rollup holds
/// that the ledger does not give, and every row the ledger gives that the rollup lacks. Zero means equal, row for row.
/// </summary>
public static class RollupAudit
{
    private const string Differences = """
        SELECT count(*) FROM (
            (SELECT store_id, local_hour, item_code, units, amount, lines FROM sale_item_hour
             EXCEPT
             SELECT s.store_id, date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone), l.item_code, sum(l.quantity), sum(l.amount), count(*)::int
             FROM sale s JOIN sale_line l USING (store_id, terminal_id, sequence) JOIN store st USING (store_id)
             GROUP BY 1, 2, 3)
            UNION ALL
            (SELECT s.store_id, date_trunc('hour', s.rung_up_at AT TIME ZONE st.time_zone), l.item_code, sum(l.quantity), sum(l.amount), count(*)::int
             FROM sale s JOIN sale_line l USING (store_id, terminal_id, sequence) JOIN store st USING (store_id)
             GROUP BY 1, 2, 3
             EXCEPT
             SELECT store_id, local_hour, item_code, units, amount, lines FROM sale_item_hour)
        ) d
        """;

    public static Task<long> RollupRowsDifferingFromLedger(this TestDatabase database) => database.Count(Differences);
}
