using Dapper;
using Npgsql;
using StoreSales.Abstractions.StoreEvents;

namespace StoreSales.Data.StoreEvents;

/// <summary>The store's events (not cancelled) overlapping a span, for the store grain's pacing and board.</summary>
public sealed class PgStoreClosureReader(NpgsqlDataSource dataSource) : IStoreClosureReader
{
    public async Task<IReadOnlyList<StoreEventNow>> GetEvents(string storeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long EventId, string Kind, DateTime StartsAt, DateTime EndsAt, bool ClosesStore, decimal? ExpectedUplift, string? Note)>(new CommandDefinition(
            """
            SELECT event_id, kind, starts_at, ends_at, closes_store, expected_uplift, note FROM store_event
            WHERE store_id = @storeId AND cancelled_at IS NULL AND starts_at < @to AND ends_at > @from
            ORDER BY starts_at, event_id
            """,
            new { storeId, from = from.UtcDateTime, to = to.UtcDateTime },
            cancellationToken: cancellationToken));
        return rows.Select(r => new StoreEventNow(r.EventId, r.Kind, LedgerTime.Utc(r.StartsAt), LedgerTime.Utc(r.EndsAt), r.ClosesStore, r.ExpectedUplift, r.Note)).ToList();
    }
}
