using Dapper;
using Npgsql;
using StoreSales.Abstractions.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>The statements an opportunity's writes share (the book's moves and uploads, the contract entry's approval), inside the caller's transaction.</summary>
internal static class OpportunityRows
{
    internal static async Task<OpportunityFacts?> Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, string opportunityId, CancellationToken cancellationToken)
    {
        // The row lock serialises moves, uploads and approval outcomes of one opportunity: each judges what the last committed.
        var exists = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT opportunity_id FROM opportunity WHERE opportunity_id = @opportunityId FOR UPDATE", new { opportunityId }, transaction, cancellationToken: cancellationToken));
        return exists is null ? null : await PgOpportunityFacts.ReadIn(connection, transaction, opportunityId, cancellationToken);
    }

    internal static async Task<OpportunityMoveFact> EnterStage(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OpportunityFacts current, string stage, string actor, DateTimeOffset now, string? note, long[] evidenceIds, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE opportunity SET stage = @stage, stage_entered_at = @now, last_activity_at = @now, updated_at = @now WHERE opportunity_id = @id",
            new { id = current.OpportunityId, stage, now }, transaction, cancellationToken: cancellationToken));
        return await InsertMove(connection, transaction, current.OpportunityId, current.Stage, stage, actor, now, note, evidenceIds, cancellationToken);
    }

    internal static async Task<OpportunityMoveFact> InsertMove(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string opportunityId, string? from, string to, string actor, DateTimeOffset now, string? note, long[] evidenceIds, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var seq = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO opportunity_move (opportunity_id, seq, from_stage, to_stage, actor, at, note, evidence_ids)
            SELECT @opportunityId, coalesce(max(seq), 0) + 1, @from, @to, @actor, @now, @note, @evidenceIds
            FROM opportunity_move WHERE opportunity_id = @opportunityId
            RETURNING seq
            """,
            new { opportunityId, from, to, actor, now, note, evidenceIds },
            transaction,
            cancellationToken: cancellationToken));
        return new OpportunityMoveFact(seq, from, to, actor, now, note, [.. evidenceIds]);
    }

    internal static Task<int> Touch(NpgsqlConnection connection, NpgsqlTransaction transaction, string opportunityId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE opportunity SET last_activity_at = @now, updated_at = @now WHERE opportunity_id = @opportunityId",
            new { opportunityId, now }, transaction, cancellationToken: cancellationToken));
}
