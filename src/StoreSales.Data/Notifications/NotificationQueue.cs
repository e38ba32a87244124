using System.Collections.Immutable;
using System.Data.Common;
using Dapper;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Access;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Notifications;

namespace StoreSales.Data.Notifications;

/// <summary>
/// Queues an alert's deliveries when it opens or escalates, inside the journal's transaction: one row per person who
/// answers for its assignee and channel they chose, keyed <c>{alert}/{level}/{person}/{channel}</c>, so re-recording the
/// same step queues nothing twice and an escalation (a new level, perhaps a new assignee) queues its own. Who answers is
/// decided now, from each person's scope as it is now (<c>person_scope_now</c>) and <see cref="AlertAudience"/>: a
/// scope changed since the person saved their settings counts without a re-save.
/// </summary>
public static class NotificationQueue
{
    /// <summary>Whether this recorded state is one that is pushed: the alert just opened, or escalated to a new level.</summary>
    public static bool IsPushed(Intervention alert) =>
        alert.Status is InterventionStatus.Open or InterventionStatus.Escalated;

    public static async Task<int> Enqueue(DbConnection connection, DbTransaction transaction, Intervention alert, CancellationToken cancellationToken)
    {
        // Only people whose scope names the assignee's region, store, team or rep can answer for it (anyone, for hq and
        // finance): the rule itself is AlertAudience's, asked of each candidate.
        var candidates = await connection.QueryAsync<ScopeRow>(new CommandDefinition(
            """
            SELECT s.person_id AS PersonId, s.roles AS Roles, s.regions AS Regions, s.stores AS Stores, s.departments AS Departments, s.rep_id AS RepId
            FROM notification_person p JOIN person_scope_now s ON s.person_id = p.person_id
            WHERE cardinality(p.channels) > 0
              AND (@key::text IS NULL OR @key = ANY(s.regions) OR @key = ANY(s.stores) OR @key = ANY(s.departments) OR s.rep_id = @key)
            """,
            new { key = AlertAudience.ScopeKeyOf(alert.Assignee) },
            transaction,
            cancellationToken: cancellationToken));
        var people = candidates.Where(c => AlertAudience.AnswersFor(c.Scope(), alert.Assignee)).Select(c => c.PersonId).ToArray();
        if (people.Length == 0)
        {
            return 0;
        }

        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_delivery (idempotency_key, alert_id, level, assignee, person_id, channel, condition, next_try_at, created_at)
            SELECT @AlertId || '/' || @Level || '/' || p.person_id || '/' || c.channel, @AlertId, @Level, @Assignee, p.person_id,
                   c.channel, @Condition, @At, @At
            FROM notification_person p CROSS JOIN LATERAL unnest(p.channels) AS c(channel)
            WHERE p.person_id = ANY(@People)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            new { alert.AlertId, alert.Level, alert.Assignee, alert.Condition, At = alert.UpdatedAt.UtcDateTime, People = people },
            transaction,
            cancellationToken: cancellationToken));
    }

    // Settable properties: Dapper reads text[] columns as System.Array, which no constructor parameter matches.
    private sealed class ScopeRow
    {
        public string PersonId { get; set; } = "";
        public string[] Roles { get; set; } = [];
        public string[] Regions { get; set; } = [];
        public string[] Stores { get; set; } = [];
        public string[] Departments { get; set; } = [];
        public string? RepId { get; set; }

        public ViewerScope Scope() => ViewerScope.Of(Roles, Regions, Stores) with
        {
            Departments = Departments.ToImmutableHashSet(StringComparer.Ordinal),
            RepId = RepId,
        };
    }
}
