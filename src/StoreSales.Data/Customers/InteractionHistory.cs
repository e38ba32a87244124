using Dapper;
using Npgsql;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.Customers;

/// <summary>A customer's recorded interactions, newest first: the customer page's timeline (with the till purchases).</summary>
public sealed class InteractionHistory(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<InteractionEntry>> Of(string customerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One range of interaction_customer_at_idx.
        var rows = await connection.QueryAsync<(long InteractionId, string RepId, string Kind, DateTime At, string? Outcome, string? Note, string? NextAction, DateTime? NextActionDue, DateTime? NextActionDoneAt)>(new CommandDefinition(
            """
            SELECT interaction_id, rep_id, kind, at, outcome, note, next_action, next_action_due, next_action_done_at
            FROM interaction
            WHERE customer_id = @customerId
            ORDER BY at DESC, interaction_id DESC
            LIMIT @limit
            """,
            new { customerId, limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => new InteractionEntry(
            r.InteractionId,
            r.RepId,
            StoredNames.TryInteractionKind(r.Kind, out var kind) ? kind : throw new InvalidDataException($"Unknown interaction kind '{r.Kind}' in the database."),
            LedgerTime.Utc(r.At),
            r.Outcome,
            r.Note,
            r.NextAction,
            r.NextActionDue is { } due ? DateOnly.FromDateTime(due) : null,
            r.NextActionDoneAt is { } done ? LedgerTime.Utc(done) : null)).ToList();
    }
}

/// <summary>One interaction as recorded: who, what kind, when, its outcome and note, and the next action with its due date.</summary>
public sealed record InteractionEntry(
    long InteractionId,
    string RepId,
    InteractionKind Kind,
    DateTimeOffset At,
    string? Outcome,
    string? Note,
    string? NextAction,
    DateOnly? NextActionDue,
    DateTimeOffset? NextActionDoneAt);
