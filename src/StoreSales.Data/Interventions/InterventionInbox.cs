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
    string Evidence);

/// <summary>Reads the inbox from the journal: alerts of a region, newest first, by status.</summary>
public sealed class InterventionInbox(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<InboxEntry>> List(string? regionId, bool openOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InboxEntry>(new CommandDefinition(
            """
            SELECT alert_id AS AlertId, condition AS Condition, subject_kind AS SubjectKind, subject_id AS SubjectId,
                   store_id AS StoreId, region_id AS RegionId, severity AS Severity, assignee AS Assignee, status AS Status,
                   level AS Level, raised_at AS RaisedAt, updated_at AS UpdatedAt, outcome AS Outcome, evidence::text AS Evidence
            FROM intervention
            WHERE (@regionId::text IS NULL OR region_id = @regionId)
              AND (NOT @openOnly OR status <> 'Resolved')
            ORDER BY raised_at DESC
            LIMIT @limit
            """,
            new { regionId, openOnly, limit },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
