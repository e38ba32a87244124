namespace StoreSales.Data.Ledger;

/// <summary>SQL shared by every statement that adds to the hourly rollup <c>sale_item_hour</c>.</summary>
internal static class SaleItemHourSql
{
    /// <summary>
    /// Ends an <c>INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)</c>: a row the rollup
    /// holds already is added to, not replaced. Its writers (the fold, the staged group commit, the history import) insert
    /// in key order, so none deadlocks with another.
    /// </summary>
    public const string AddToExistingRow = """
        ON CONFLICT (store_id, local_hour, item_code) DO UPDATE
            SET units = sale_item_hour.units + excluded.units,
                amount = sale_item_hour.amount + excluded.amount,
                lines = sale_item_hour.lines + excluded.lines
        """;
}
