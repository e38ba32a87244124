using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using StoreSales.Domain.Interventions;

namespace StoreSales.Data.Interventions;

/// <summary>An alert as the supervisor's inbox lists it; <see cref="AssignedBefore"/>: whom it was assigned to before its escalations.</summary>
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
    string Evidence,
    [property: JsonIgnore] string AssignedBeforeJson)
{
    /// <summary>
    /// Whom the alert was assigned to before its escalations, oldest first. Read as JSON text: Npgsql gives a text[]
    /// column as <see cref="Array"/>, which Dapper's constructor mapping cannot match to a typed array.
    /// </summary>
    public IReadOnlyList<string> AssignedBefore => JsonSerializer.Deserialize<string[]>(AssignedBeforeJson) ?? [];

    /// <summary>Every step of the alert, oldest first (filled by <see cref="InterventionInbox.List"/>).</summary>
    public IReadOnlyList<InboxStep> Steps { get; init; } = [];
}

/// <summary>One kept step of an alert: who moved it from what to what, when, and their note.</summary>
public sealed record InboxStep(string AlertId, int Step, string FromStatus, string ToStatus, string Actor, DateTime At, string? Note);

/// <summary>
/// Reads the inbox from the journal: the alerts of one viewer's <see cref="InboxScope"/> (their regions, their stores, and
/// whatever is assigned to someone they answer for), newest first, with their steps.
/// </summary>
public sealed class InterventionInbox(NpgsqlDataSource dataSource)
{
    private const string Columns =
        """
        SELECT alert_id AS AlertId, condition AS Condition, subject_kind AS SubjectKind, subject_id AS SubjectId,
               store_id AS StoreId, region_id AS RegionId, severity AS Severity, assignee AS Assignee, status AS Status,
               level AS Level, raised_at AS RaisedAt, updated_at AS UpdatedAt, outcome AS Outcome, evidence::text AS Evidence,
               to_json(assigned_before)::text AS AssignedBeforeJson
        FROM intervention
        """;

    // The one SQL form of InboxScope.Holds (Covers, or assigned before to someone the viewer answers for): keep the two in step.
    private const string InScope =
        "(@wholeChain OR region_id = ANY(@regions) OR store_id = ANY(@stores) OR assignee = ANY(@assignees) OR assigned_before && @assignees)";

    /// <summary>The alerts in <paramref name="scope"/>, newest first (open ones only when <paramref name="openOnly"/>).</summary>
    public async Task<IReadOnlyList<InboxEntry>> List(InboxScope scope, bool openOnly, int limit, CancellationToken cancellationToken)
    {
        if (scope.IsEmpty)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxEntry>(new CommandDefinition(
            $"""
            {Columns}
            WHERE {InScope}
              AND (NOT @openOnly OR status <> 'Resolved')
            ORDER BY raised_at DESC
            LIMIT @limit
            """,
            Parameters(scope, new { openOnly, limit }),
            cancellationToken: cancellationToken));
        return await WithSteps(connection, rows.ToList(), cancellationToken);
    }

    /// <summary>
    /// One alert of <paramref name="scope"/> (a deep link may name one older than the page's list, or resolved); null when
    /// there is none or the viewer may not see it: the two answers look the same.
    /// </summary>
    public async Task<InboxEntry?> Find(InboxScope scope, string alertId, CancellationToken cancellationToken)
    {
        if (scope.IsEmpty)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxEntry>(new CommandDefinition(
            $"{Columns} WHERE alert_id = @alertId AND {InScope}",
            Parameters(scope, new { alertId }),
            cancellationToken: cancellationToken));
        return (await WithSteps(connection, rows.ToList(), cancellationToken)).SingleOrDefault();
    }

    private static DynamicParameters Parameters(InboxScope scope, object more)
    {
        var parameters = new DynamicParameters(more);
        parameters.Add("wholeChain", scope.WholeChain);
        parameters.Add("regions", (scope.Regions ?? new HashSet<string>()).ToArray());
        parameters.Add("stores", scope.Stores.ToArray());
        parameters.Add("assignees", scope.Assignees.ToArray());
        return parameters;
    }

    private static async Task<IReadOnlyList<InboxEntry>> WithSteps(NpgsqlConnection connection, List<InboxEntry> entries, CancellationToken cancellationToken)
    {
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
