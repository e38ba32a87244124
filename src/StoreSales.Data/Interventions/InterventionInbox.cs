using Dapper;
using Npgsql;

namespace StoreSales.Data.Interventions;

/// <summary>An alert as the supervisor's inbox lists it.</summary>
public sealed record InboxEntry(
    string AlertId,
    string Condition,
    string SubjectKind,
    string SubjectId,
    string? StoreId,
    string? RegionId,
    string Severity,
    string Assignee,
    string Status,
    int Level,
    DateTime RaisedAt,
    DateTime UpdatedAt,
    string? Outcome,
    string Evidence)
{
    /// <summary>Every step of the alert, oldest first (filled by <see cref="InterventionInbox.List"/>).</summary>
    public IReadOnlyList<InboxStep> Steps { get; init; } = [];
}

/// <summary>One kept step of an alert: who moved it from what to what, when, and their note.</summary>
public sealed record InboxStep(string AlertId, int Step, string FromStatus, string ToStatus, string Actor, DateTime At, string? Note);

/// <summary>Reads the inbox from the journal: alerts of some regions (or all), newest first, with their steps.</summary>
public sealed class InterventionInbox(NpgsqlDataSource dataSource)
{
    /// <summary>The alerts of <paramref name="regionIds"/> (null: of every region), newest first.</summary>
    public Task<IReadOnlyList<InboxEntry>> List(IReadOnlyCollection<string>? regionIds, bool openOnly, int limit, CancellationToken cancellationToken) =>
        List(regionIds, storeIds: [], openOnly, limit, cancellationToken);

    /// <summary>
    /// The alerts of the regions (every region when <paramref name="regionIds"/> is null) and of the stores, newest first.
    /// </summary>
    public async Task<IReadOnlyList<InboxEntry>> List(IReadOnlyCollection<string>? regionIds, IReadOnlyCollection<string> storeIds, bool openOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxEntry>(new CommandDefinition(
            """
            SELECT alert_id AS AlertId, condition AS Condition, subject_kind AS SubjectKind, subject_id AS SubjectId,
                   store_id AS StoreId, region_id AS RegionId, severity AS Severity, assignee AS Assignee, status AS Status,
                   level AS Level, raised_at AS RaisedAt, updated_at AS UpdatedAt, outcome AS Outcome, evidence::text AS Evidence
            FROM intervention
            WHERE (@regions::text[] IS NULL OR region_id = ANY(@regions) OR store_id = ANY(@stores))
              AND (NOT @openOnly OR status <> 'Resolved')
            ORDER BY raised_at DESC
            LIMIT @limit
            """,
            new { regions = regionIds?.ToArray(), stores = storeIds.ToArray(), openOnly, limit },
            cancellationToken: cancellationToken));
        var entries = rows.ToList();
        if (entries.Count == 0)
        {
            return entries;
        }

        // The steps of all listed alerts in one more round trip, not one per alert.
        var steps = (await connection.QueryAsync<InboxStep>(new CommandDefinition(
            """
            SELECT alert_id AS AlertId, step AS Step, from_status AS FromStatus, to_status AS ToStatus, actor AS Actor, at AS At, note AS Note
            FROM intervention_step
            WHERE alert_id = ANY(@ids)
            ORDER BY alert_id, step
            """,
            new { ids = entries.Select(e => e.AlertId).ToArray() },
            cancellationToken: cancellationToken))).ToLookup(s => s.AlertId, StringComparer.Ordinal);
        return entries.Select(e => e with { Steps = steps[e.AlertId].ToList() }).ToList();
    }
}
