using System.Collections.Immutable;
using Npgsql;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Data.Ledger;

/// <summary>Reads sales back from the ledger for rebuilding a store's live state.</summary>
public sealed class PgStoreLedgerReader(NpgsqlDataSource dataSource) : IStoreLedgerReader
{
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
}
