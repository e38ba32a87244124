using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// Appends sales and their lines to the ledger. A whole batch is one statement (arrays unnested server-side):
/// one round trip, one transaction, and a sale already present is skipped, not doubled.
/// </summary>
public sealed class SaleLedger(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Adds the new lines of a batch to the hourly rollup <c>sale_item_hour</c>: a data-modifying CTE for the batch
    /// statement, after <c>inserted</c> (the new sales: terminal_id, sequence, rung_up_at) and <c>lines</c> (their
    /// lines: terminal_id, sequence, item_code, quantity, amount) of the one store <c>@store</c>. Only sales that
    /// were new reach it, so a batch sent again adds nothing. Any writer of the ledger must carry it unchanged into
    /// its own transaction: the rollup must equal the ledger grouped by store, local hour and item.
    /// </summary>
    /// <remarks>
    /// Grouped so no key comes twice (ON CONFLICT cannot update a row twice in one statement), and ordered so two
    /// batches touching the same keys lock them in the same order instead of deadlocking.
    /// </remarks>
    public const string RollupUpsert = """
        rollup AS (
            INSERT INTO sale_item_hour AS h (store_id, local_hour, item_code, units, amount, lines)
            SELECT st.store_id, date_trunc('hour', i.rung_up_at AT TIME ZONE st.time_zone), l.item_code,
                   sum(l.quantity), sum(l.amount), count(*)
            FROM lines l
            JOIN inserted i ON i.terminal_id = l.terminal_id AND i.sequence = l.sequence
            JOIN store st ON st.store_id = @store
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            ON CONFLICT (store_id, local_hour, item_code) DO UPDATE
                SET units = h.units + excluded.units, amount = h.amount + excluded.amount, lines = h.lines + excluded.lines
        )
        """;

    private const string InsertBatch = $$"""
        WITH incoming AS (
            SELECT * FROM unnest(@terminal, @sequence, @kind, @receipt, @rung_up_at, @captured_at,
                                 @cashier, @member, @rep, @total, @original, @tenders)
                AS t(terminal_id, sequence, kind, receipt_number, rung_up_at, captured_at,
                     cashier_id, member_id, rep_id, total, original_sequence, tenders)
        ), inserted AS (
            INSERT INTO sale (store_id, terminal_id, sequence, kind, receipt_number, rung_up_at, captured_at,
                              cashier_id, member_id, rep_id, total, original_sequence, tenders)
            SELECT @store, terminal_id, sequence, kind, receipt_number, rung_up_at, captured_at,
                   cashier_id, member_id, rep_id, total, original_sequence, tenders
            FROM incoming
            ON CONFLICT (store_id, terminal_id, sequence) DO NOTHING
            RETURNING terminal_id, sequence, rung_up_at
        ), lines AS (
            INSERT INTO sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount)
            SELECT @store, l.terminal_id, l.sequence, l.line_number, l.item_code, l.quantity, l.unit_price, l.discount, l.amount
            FROM unnest(@l_terminal, @l_sequence, @l_number, @l_item, @l_quantity, @l_unit_price, @l_discount, @l_amount)
                AS l(terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount)
            JOIN inserted i ON i.terminal_id = l.terminal_id AND i.sequence = l.sequence
            RETURNING terminal_id, sequence, item_code, quantity, amount
        ), {{RollupUpsert}}
        SELECT terminal_id, sequence FROM inserted
        """;

    /// <summary>
    /// Records the sales of one store. Returns the keys that were new; the rest were already in the ledger.
    /// When this returns, every sale of the batch is committed.
    /// </summary>
    public async Task<IReadOnlyList<SaleKey>> Append(string storeId, IReadOnlyList<SaleRecord> sales, CancellationToken cancellationToken)
    {
        if (sales.Count == 0)
        {
            return [];
        }

        var lineCount = sales.Sum(s => s.Lines.Count);
        var lTerminal = new string[lineCount];
        var lSequence = new long[lineCount];
        var lNumber = new int[lineCount];
        var lItem = new string[lineCount];
        var lQuantity = new decimal[lineCount];
        var lUnitPrice = new decimal[lineCount];
        var lDiscount = new decimal[lineCount];
        var lAmount = new decimal[lineCount];
        var i = 0;
        foreach (var sale in sales)
        {
            foreach (var line in sale.Lines)
            {
                lTerminal[i] = sale.TerminalId;
                lSequence[i] = sale.Sequence;
                lNumber[i] = line.LineNumber;
                lItem[i] = line.ItemCode;
                lQuantity[i] = line.Quantity;
                lUnitPrice[i] = line.UnitPrice;
                lDiscount[i] = line.Discount;
                lAmount[i] = line.Amount;
                i++;
            }
        }

        await using var command = dataSource.CreateCommand(InsertBatch);
        var p = command.Parameters;
        p.AddWithValue("store", storeId);
        p.AddWithValue("terminal", sales.Select(s => s.TerminalId).ToArray());
        p.AddWithValue("sequence", sales.Select(s => s.Sequence).ToArray());
        p.AddWithValue("kind", sales.Select(s => s.Kind).ToArray());
        p.Add(new NpgsqlParameter<string?[]>("receipt", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = sales.Select(s => s.ReceiptNumber).ToArray() });
        p.AddWithValue("rung_up_at", sales.Select(s => s.RungUpAt.ToUniversalTime()).ToArray());
        p.AddWithValue("captured_at", sales.Select(s => s.CapturedAt.ToUniversalTime()).ToArray());
        p.Add(new NpgsqlParameter<string?[]>("cashier", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = sales.Select(s => s.CashierId).ToArray() });
        p.Add(new NpgsqlParameter<string?[]>("member", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = sales.Select(s => s.MemberId).ToArray() });
        p.Add(new NpgsqlParameter<string?[]>("rep", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = sales.Select(s => s.RepId).ToArray() });
        p.AddWithValue("total", sales.Select(s => s.Total).ToArray());
        p.Add(new NpgsqlParameter<long?[]>("original", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = sales.Select(s => s.OriginalSequence).ToArray() });
        p.Add(new NpgsqlParameter<string[]>("tenders", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { TypedValue = sales.Select(s => JsonSerializer.Serialize(s.Tenders, JsonOptions)).ToArray() });
        p.AddWithValue("l_terminal", lTerminal);
        p.AddWithValue("l_sequence", lSequence);
        p.AddWithValue("l_number", lNumber);
        p.AddWithValue("l_item", lItem);
        p.AddWithValue("l_quantity", lQuantity);
        p.AddWithValue("l_unit_price", lUnitPrice);
        p.AddWithValue("l_discount", lDiscount);
        p.AddWithValue("l_amount", lAmount);

        var inserted = new List<SaleKey>(sales.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(new SaleKey(reader.GetString(0), reader.GetInt64(1)));
        }

        return inserted;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
