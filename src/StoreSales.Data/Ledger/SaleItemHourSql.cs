namespace StoreSales.Data.Ledger;

/// <summary>SQL shared by every statement that adds to the rollups <c>sale_item_hour</c> and <c>sale_item_day</c>.</summary>
internal static class SaleItemHourSql
{
    /// <summary>
    /// Ends an <c>INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)</c>: a row the rollup
    /// holds already is added to, not replaced. Its writers (the fold, the history import) insert in key order, so none
    /// deadlocks with another.
    /// </summary>
    public const string AddToExistingRow = """
        ON CONFLICT (store_id, local_hour, item_code) DO UPDATE
            SET units = sale_item_hour.units + excluded.units,
                amount = sale_item_hour.amount + excluded.amount,
                lines = sale_item_hour.lines + excluded.lines
        """;

    /// <summary>
    /// Ends an <c>INSERT INTO sale_item_day (store_id, local_day, item_code, units, amount, lines)</c> of the same sums per
    /// store-local day (migration 0540), in the transaction that added them to <c>sale_item_hour</c>. Every writer adds its
    /// days after all its hours, in key order: one holding day rows never waits for an hour, so hours and days cannot
    /// deadlock either.
    /// </summary>
    public const string AddToExistingDay = """
        ON CONFLICT (store_id, local_day, item_code) DO UPDATE
            SET units = sale_item_day.units + excluded.units,
                amount = sale_item_day.amount + excluded.amount,
                lines = sale_item_day.lines + excluded.lines
        """;
}
