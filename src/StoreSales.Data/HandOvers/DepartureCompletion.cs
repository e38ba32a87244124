using Dapper;
using Npgsql;

namespace StoreSales.Data.HandOvers;

/// <summary>The end of a departure: the rep is gone (docs/domain.md "Offboarding hand-over").</summary>
internal static class DepartureCompletion
{
    /// <summary>Marks the departure completed and the rep inactive and departed, in the caller's transaction.</summary>
    public static Task MarkGone(NpgsqlConnection connection, NpgsqlTransaction transaction, long departureId, string repId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE rep_departure SET completed_at = @now WHERE departure_id = @departureId;
            UPDATE rep SET active = false, departed_at = @now WHERE rep_id = @repId;
            """,
            new { departureId, repId, now = now.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
}
