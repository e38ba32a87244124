using Dapper;
using Npgsql;
using StoreSales.Abstractions.Reps;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.HandOvers;

/// <summary>A rep's departure and its hand-overs from PostgreSQL (migration 0270), for the departure grain.</summary>
public sealed class PgDepartureReader(NpgsqlDataSource dataSource) : IDepartureReader
{
    public async Task<DepartureWatch?> Read(string repId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var departures = await connection.QueryAsync<(long DepartureId, string Name, string StoreId, string RegionId, DateTime StartedAt)>(new CommandDefinition(
            """
            SELECT d.departure_id, r.name, r.store_id, s.region_id, d.started_at
            FROM rep_departure d JOIN rep r ON r.rep_id = d.rep_id JOIN store s ON s.store_id = r.store_id
            WHERE d.rep_id = @repId
            """,
            new { repId },
            cancellationToken: cancellationToken));
        if (departures.AsList() is not [var departure])
        {
            return null;
        }

        var startedAt = LedgerTime.Utc(departure.StartedAt);
        var handOvers = await connection.QueryAsync<HandOverRow>(new CommandDefinition(
            """
            SELECT customer_id AS CustomerId, stage AS Stage, notes_included AS NotesIncluded, notes_available AS NotesAvailable, successors AS Successors, completed_at AS CompletedAt
            FROM customer_handover WHERE departure_id = @departureId ORDER BY customer_id
            """,
            new { departure.DepartureId },
            cancellationToken: cancellationToken));
        return new DepartureWatch(
            departure.DepartureId,
            departure.Name,
            departure.StoreId,
            departure.RegionId,
            startedAt,
            [.. handOvers.Select(h => new CustomerHandOver(h.CustomerId, repId, startedAt, h.Stage, h.NotesIncluded, h.NotesAvailable, h.Successors, h.CompletedAt is { } c ? LedgerTime.Utc(c) : null))]);
    }

    private sealed class HandOverRow
    {
        public string CustomerId { get; init; } = "";

        public string? Stage { get; init; }

        public int NotesIncluded { get; init; }

        public int NotesAvailable { get; init; }

        public string[] Successors { get; init; } = [];

        public DateTime? CompletedAt { get; init; }
    }
}
