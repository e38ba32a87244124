using Npgsql;
using StoreSales.Domain.LossPrevention;

namespace StoreSales.Data.LossPrevention;

/// <summary>A store's scans and sales over a span, with what the loss-prevention intervention names the store by.</summary>
public sealed record StoreScanDay(string StoreId, string StoreName, string RegionId, string TimeZone, IReadOnlyList<CheckedScan> Scans, IReadOnlyList<CheckedSale> Sales);

/// <summary>
/// Reads what the scan-vs-receipt check compares (<see cref="ScanReceiptCheck"/>): every store's item scans since a
/// moment, and those stores' sales captured from then to now (with their lines' items and cashier). Two statements
/// over the scan ledger's (store, time) index and the sales' (store, rung-up time) index.
/// </summary>
public sealed class ScanReceiptReader(NpgsqlDataSource dataSource)
{
    // Sales are found by the till's time (indexed), widened by this much on each side of the scans' agent-clock span,
    // then matched by the agent's own capture time: a till clock off by less than this changes nothing.
    private static readonly TimeSpan TillClockMargin = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<StoreScanDay>> ReadSince(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string ScansSql = """
            SELECT e.store_id, st.name, st.region_id, st.time_zone, e.terminal_id, e.sequence, e.scanned_at, e.code, coalesce(e.weight_kg, 1)
            FROM scan_event e JOIN store st ON st.store_id = e.store_id
            WHERE e.scanned_at >= @from AND e.kind <> 'member'
            ORDER BY e.store_id, e.terminal_id, e.sequence
            """;
        const string SalesSql = """
            SELECT s.store_id, s.terminal_id, s.sequence, s.captured_at, s.cashier_id, l.item_code, l.quantity
            FROM sale s JOIN sale_line l USING (store_id, terminal_id, sequence)
            WHERE s.store_id = ANY (@stores) AND s.rung_up_at >= @salesFrom AND s.rung_up_at <= @salesTo AND s.kind = 'sale'
            ORDER BY s.store_id, s.terminal_id, s.sequence, l.line_number
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var stores = new Dictionary<string, (string Name, string Region, string TimeZone, List<CheckedScan> Scans, List<CheckedSale> Sales)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(ScansSql, connection))
        {
            command.Parameters.AddWithValue("from", from.ToUniversalTime());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var storeId = reader.GetString(0);
                if (!stores.TryGetValue(storeId, out var store))
                {
                    stores[storeId] = store = (reader.GetString(1), reader.GetString(2), reader.GetString(3), [], []);
                }

                store.Scans.Add(new CheckedScan(reader.GetString(4), reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7), reader.GetDecimal(8)));
            }
        }

        if (stores.Count == 0)
        {
            return [];
        }

        await using (var command = new NpgsqlCommand(SalesSql, connection))
        {
            command.Parameters.AddWithValue("stores", stores.Keys.ToArray());
            command.Parameters.AddWithValue("salesFrom", (from - TillClockMargin).ToUniversalTime());
            command.Parameters.AddWithValue("salesTo", (now + TillClockMargin).ToUniversalTime());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            (string Store, string Terminal, long Sequence)? current = null;
            List<(string, decimal)> lines = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                if (current != key)
                {
                    lines = [];
                    current = key;
                    stores[key.Item1].Sales.Add(new CheckedSale(key.Item2, reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4), lines));
                }

                lines.Add((reader.GetString(5), reader.GetDecimal(6)));
            }
        }

        return [.. stores.Select(s => new StoreScanDay(s.Key, s.Value.Name, s.Value.Region, s.Value.TimeZone, s.Value.Scans, s.Value.Sales))];
    }
}
