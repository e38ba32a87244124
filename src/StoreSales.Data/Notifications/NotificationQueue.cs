using System.Data.Common;
using Dapper;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.Data.Notifications;

/// <summary>
/// Queues an alert's deliveries when it opens or escalates, inside the journal's transaction: one row per person who
/// answers for its assignee and channel they chose, keyed <c>{alert}/{level}/{person}/{channel}</c>, so re-recording the
/// same step queues nothing twice and an escalation (a new level, perhaps a new assignee) queues its own.
/// </summary>
public static class NotificationQueue
{
    /// <summary>Whether this recorded state is one that is pushed: the alert just opened, or escalated to a new level.</summary>
    public static bool IsPushed(Intervention alert) =>
        alert.Status is InterventionStatus.Open or InterventionStatus.Escalated;

    public static Task<int> Enqueue(DbConnection connection, DbTransaction transaction, Intervention alert, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_delivery (idempotency_key, alert_id, level, assignee, person_id, channel, condition, next_try_at, created_at)
            SELECT @AlertId || '/' || @Level || '/' || p.person_id || '/' || c.channel, @AlertId, @Level, @Assignee, p.person_id,
                   c.channel, @Condition, @At, @At
            FROM notification_person p CROSS JOIN LATERAL unnest(p.channels) AS c(channel)
            WHERE p.answers_for @> ARRAY[@Assignee]::text[]
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new { alert.AlertId, alert.Level, alert.Assignee, alert.Condition, At = alert.UpdatedAt.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
}
