using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Interventions;
using StoreSales.Data.Notifications;

namespace StoreSales.Data.Interventions;

/// <summary>
/// Writes alerts and their steps to PostgreSQL; re-recording the same alert state changes nothing. At most
/// <see cref="InterventionJournalOptions.JournalConcurrency"/> writes run at once: an alert storm waits here, not for a
/// pooled connection that the ledger needs too. An alert that opens or escalates queues its pushes to the assignee's
/// people in the same transaction (<see cref="NotificationQueue"/>).
/// </summary>
public sealed class PgInterventionJournal(NpgsqlDataSource dataSource, IOptions<InterventionJournalOptions> options) : IInterventionJournal, IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _writers = new(options.Value.JournalConcurrency);

    public async Task Record(Intervention intervention, CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken);
        try
        {
            await Write(intervention, cancellationToken);
        }
        finally
        {
            _writers.Release();
        }
    }

    public void Dispose() => _writers.Dispose();

    private async Task Write(Intervention intervention, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO intervention (alert_id, condition, subject_kind, subject_id, store_id, region_id, severity, assignee,
                                      status, level, raised_at, updated_at, outcome, evidence, assigned_before)
            VALUES (@AlertId, @Condition, @Kind, @SubjectId, @StoreId, @RegionId, @Severity, @Assignee,
                    @Status, @Level, @RaisedAt, @UpdatedAt, @Outcome, @Evidence::jsonb, @AssignedBefore)
            ON CONFLICT (alert_id) DO UPDATE SET
                status = excluded.status, level = excluded.level, updated_at = excluded.updated_at,
                outcome = excluded.outcome, assignee = excluded.assignee, assigned_before = excluded.assigned_before
            WHERE intervention.updated_at <= excluded.updated_at
            """,
            new
            {
                intervention.AlertId,
                intervention.Condition,
                intervention.Subject.Kind,
                SubjectId = intervention.Subject.Id,
                intervention.Subject.StoreId,
                intervention.Subject.RegionId,
                intervention.Severity,
                intervention.Assignee,
                Status = intervention.Status.ToString(),
                intervention.Level,
                RaisedAt = intervention.RaisedAt.UtcDateTime,
                UpdatedAt = intervention.UpdatedAt.UtcDateTime,
                intervention.Outcome,
                Evidence = JsonSerializer.Serialize(intervention.Evidence, JsonOptions),
                AssignedBefore = intervention.AssignedBefore.IsDefault ? [] : intervention.AssignedBefore.ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        foreach (var step in intervention.History)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO intervention_step (alert_id, step, from_status, to_status, actor, at, note)
                VALUES (@AlertId, @Number, @From, @To, @By, @At, @Note)
                ON CONFLICT (alert_id, step) DO NOTHING
                """,
                new { intervention.AlertId, step.Number, From = step.From.ToString(), To = step.To.ToString(), step.By, At = step.At.UtcDateTime, step.Note },
                transaction,
                cancellationToken: cancellationToken));
        }

        // The alert's pushes are queued with it: committed together, or not at all.
        if (NotificationQueue.IsPushed(intervention))
        {
            await NotificationQueue.Enqueue(connection, transaction, intervention, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
