using Npgsql;
using StoreSales.Abstractions.Reps;

namespace StoreSales.Data.Ledger;

/// <summary>Reads a rep's sales back from the ledger for rebuilding the rep grain's figures.</summary>
public sealed class PgRepLedgerReader(NpgsqlDataSource dataSource) : IRepLedgerReader
{
    public async Task<IReadOnlyList<RepSale>> ReadSince(string repId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        // One range of the partial index sale_rep_time_idx (rep_id, rung_up_at) WHERE rep_id IS NOT NULL (migration 0220):
        // the rep's month, whichever stores and terminals it came from. The sort is of that month only.
        const string Sql = """
            SELECT store_id, terminal_id, sequence, rung_up_at, total FROM sale
            WHERE rep_id = @rep AND rung_up_at >= @from
            ORDER BY store_id, terminal_id, sequence
            """;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("rep", repId);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        var sales = new List<RepSale>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sales.Add(new RepSale(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetDecimal(4)));
        }

        return sales;
    }
}
