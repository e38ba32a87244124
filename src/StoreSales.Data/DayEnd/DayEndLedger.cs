using System.Collections.Immutable;
using System.Text.Json;
using Npgsql;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Sales.DayEnd;

namespace StoreSales.Data.DayEnd;

/// <summary>The ledger's sales of a store's business day, per terminal, as day-end reconciliation reads them.</summary>
public sealed class DayEndLedger(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The sales rung up on <paramref name="day"/> in the store's own time zone (<c>store.time_zone</c>), per terminal,
    /// in sequence order. Read through the ledger's (store, time) index.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DayEndSale>>> ReadDay(string storeId, DateOnly day, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT s.terminal_id, s.sequence, s.kind, s.rung_up_at, s.total, s.tenders::text
            FROM store st JOIN sale s ON s.store_id = st.store_id
            WHERE st.store_id = @store
              AND s.rung_up_at >= (@day::date::timestamp AT TIME ZONE st.time_zone)
              AND s.rung_up_at < ((@day::date + 1)::timestamp AT TIME ZONE st.time_zone)
            ORDER BY s.terminal_id, s.sequence
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("store", storeId);
        command.Parameters.AddWithValue("day", day);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sales = new Dictionary<string, IReadOnlyList<DayEndSale>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var terminal = reader.GetString(0);
            if (!sales.TryGetValue(terminal, out var list))
            {
                sales[terminal] = list = new List<DayEndSale>();
            }

            var tenders = JsonSerializer.Deserialize<List<TenderRecord>>(reader.GetString(5), Json)!;
            ((List<DayEndSale>)list).Add(new DayEndSale(
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetDecimal(4),
                [.. tenders.Select(t => new DayEndTender(t.Method, t.Amount))]));
        }

        return sales;
    }
}
