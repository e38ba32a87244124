using System.Collections.Immutable;
using Dapper;
using Npgsql;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.HotItems;

namespace StoreSales.Data.Ledger;

/// <summary>Reads sales back from the ledger for rebuilding a store's live state.</summary>
public sealed class PgStoreLedgerReader(NpgsqlDataSource dataSource) : IStoreLedgerReader
{
    public async Task<IReadOnlyList<StoreScan>> ReadScansSince(string storeId, IReadOnlyCollection<string> terminalIds, DateTimeOffset from, CancellationToken cancellationToken)
    {
        if (terminalIds.Count == 0)
        {
            return [];
        }

        const string Sql = """
            SELECT terminal_id, sequence, scanned_at, code, weight_kg FROM scan_event
            WHERE store_id = @store AND scanned_at >= @from AND terminal_id = ANY (@terminals) AND kind <> 'member'
            ORDER BY scanned_at, terminal_id, sequence
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("store", storeId);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("terminals", terminalIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var scans = new List<StoreScan>();
        while (await reader.ReadAsync(cancellationToken))
        {
            scans.Add(new StoreScan(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3),
                NamesItem: true,
                reader.IsDBNull(4) ? null : reader.GetDecimal(4)));
        }

        return scans;
    }

    public async Task<IReadOnlyList<StoreSale>> ReadSince(string storeId, DateTimeOffset from, DateTimeOffset linesFrom, CancellationToken cancellationToken)
    {
        const string SalesSql = """
            SELECT terminal_id, sequence, rung_up_at, total FROM sale
            WHERE store_id = @store AND rung_up_at >= @from
            ORDER BY rung_up_at, terminal_id, sequence
            """;
        const string LinesSql = """
            SELECT l.terminal_id, l.sequence, l.item_code, l.quantity, l.amount
            FROM sale s JOIN sale_line l USING (store_id, terminal_id, sequence)
            WHERE s.store_id = @store AND s.rung_up_at >= @linesFrom
            ORDER BY l.terminal_id, l.sequence, l.line_number
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var lines = new Dictionary<(string, long), ImmutableArray<StoreSaleLine>.Builder>();
        await using (var command = new NpgsqlCommand(LinesSql, connection))
        {
            command.Parameters.AddWithValue("store", storeId);
            command.Parameters.AddWithValue("linesFrom", linesFrom.ToUniversalTime());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetInt64(1));
                if (!lines.TryGetValue(key, out var builder))
                {
                    lines[key] = builder = ImmutableArray.CreateBuilder<StoreSaleLine>();
                }

                builder.Add(new StoreSaleLine(reader.GetString(2), reader.GetDecimal(3), reader.GetDecimal(4)));
            }
        }

        var sales = new List<StoreSale>();
        await using (var command = new NpgsqlCommand(SalesSql, connection))
        {
            command.Parameters.AddWithValue("store", storeId);
            command.Parameters.AddWithValue("from", from.ToUniversalTime());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var terminal = reader.GetString(0);
                var sequence = reader.GetInt64(1);
                var saleLines = lines.TryGetValue((terminal, sequence), out var builder) ? builder.ToImmutable() : [];
                sales.Add(new StoreSale(terminal, sequence, reader.GetFieldValue<DateTimeOffset>(2), reader.GetDecimal(3), saleLines));
            }
        }

        return sales;
    }

    public async Task<IReadOnlyList<StoreSale>> ReadTail(string storeId, IReadOnlyDictionary<string, long> watermarks, DateTimeOffset from, CancellationToken cancellationToken)
    {
        // The store's terminals by a loose index scan of the primary key (store_id, terminal_id, sequence): one index
        // probe per terminal instead of reading every sale. A known terminal is read above its watermark, one primary-key
        // range each (OFFSET 0 keeps the planner from flattening that into a scan of the store's month). Only when a
        // terminal is new to the checkpoint is the store's month read through the time index (a one-time filter skips
        // it otherwise): a new terminal's first sequence this month is not known before.
        const string Sql = """
            WITH RECURSIVE terminals(terminal_id) AS (
                (SELECT terminal_id FROM sale WHERE store_id = @store ORDER BY terminal_id LIMIT 1)
                UNION ALL
                SELECT (SELECT s.terminal_id FROM sale s
                        WHERE s.store_id = @store AND s.terminal_id > t.terminal_id
                        ORDER BY s.terminal_id LIMIT 1)
                FROM terminals t
                WHERE t.terminal_id IS NOT NULL
            ), fresh AS (
                SELECT terminal_id FROM terminals WHERE terminal_id IS NOT NULL AND terminal_id <> ALL(@known::text[])
            )
            SELECT k.terminal_id, s.sequence, s.rung_up_at, s.total
            FROM unnest(@known::text[], @watermarks::bigint[]) AS k(terminal_id, watermark)
            CROSS JOIN LATERAL (
                SELECT s.sequence, s.rung_up_at, s.total FROM sale s
                WHERE s.store_id = @store AND s.terminal_id = k.terminal_id AND s.sequence > k.watermark AND s.rung_up_at >= @from
                OFFSET 0) s
            UNION ALL
            SELECT s.terminal_id, s.sequence, s.rung_up_at, s.total
            FROM sale s
            WHERE s.store_id = @store AND s.rung_up_at >= @from
              AND s.terminal_id IN (SELECT terminal_id FROM fresh)
              AND EXISTS (SELECT 1 FROM fresh)
            ORDER BY 1, 2
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("store", storeId);
        var known = watermarks.ToArray();
        command.Parameters.AddWithValue("known", known.Select(k => k.Key).ToArray());
        command.Parameters.AddWithValue("watermarks", known.Select(k => k.Value).ToArray());
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        var sales = new List<StoreSale>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sales.Add(new StoreSale(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetDecimal(3), []));
        }

        return sales;
    }

    public async Task<UsualVelocity> ReadUsualVelocity(string storeId, DateTime localHourStart, int weeks, CancellationToken cancellationToken)
    {
        // Each previous week's hour is the same wall-clock hour, shifted in store-local time, which is how the rollup
        // keys it: the same hour is read across a daylight-saving change, whole, from one row per item. A week with
        // no row for the hour had no sale in it and is not observed.
        const string Sql = """
            WITH sold AS (
                SELECT h.local_hour, h.item_code, h.units
                FROM generate_series(1, @weeks) AS k(k)
                JOIN sale_item_hour_all h ON h.store_id = @store AND h.local_hour = @hour - make_interval(weeks => k.k)
            )
            SELECT item_code AS ItemCode, sum(units) AS Units,
                   (SELECT count(DISTINCT local_hour) FROM sold)::int AS Weeks
            FROM sold
            GROUP BY item_code
            """;
        var hour = UsualVelocity.HourOf(localHourStart);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string ItemCode, decimal Units, int Weeks)>(new CommandDefinition(
            Sql,
            new { store = storeId, hour, weeks },
            cancellationToken: cancellationToken))).ToList();
        return rows.Count == 0
            ? UsualVelocity.None(hour)
            : UsualVelocity.FromHistory(hour, rows.Select(r => (r.ItemCode, r.Units)), rows[0].Weeks);
    }
}
