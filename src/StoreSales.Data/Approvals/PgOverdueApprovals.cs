using Dapper;
using Npgsql;
using StoreSales.Abstractions.Approvals;

namespace StoreSales.Data.Approvals;

/// <summary>The overdue check's reads and marks (migration 0395's <c>overdue_raised_at</c>).</summary>
public sealed class PgOverdueApprovals(NpgsqlDataSource dataSource) : IOverdueApprovals
{
    public async Task<IReadOnlyList<OverdueApproval>> Unraised(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT r.approval_id, r.kind, r.subject_id, r.customer_id, r.region_id, r.department_id, r.amount,
                   ARRAY(SELECT required.role_name FROM unnest(r.required_roles) AS required (role_name)
                         WHERE NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.approval_id = r.approval_id AND d.role = required.role_name)) AS waiting,
                   r.requested_by, r.requested_at, r.due_at
            FROM approval_request r
            WHERE r.status = 'pending' AND r.overdue_raised_at IS NULL AND r.due_at <= @now
            ORDER BY r.due_at, r.approval_id
            LIMIT @limit
            """,
            new { now = now.ToUniversalTime(), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new OverdueApproval(
            r.approval_id, r.kind, r.subject_id, r.customer_id, r.region_id, r.department_id, r.amount, [.. r.waiting], r.requested_by,
            LedgerTime.Utc(r.requested_at), LedgerTime.Utc(r.due_at)))];
    }

    public async Task MarkRaised(long approvalId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE approval_request SET overdue_raised_at = @at WHERE approval_id = @approvalId AND overdue_raised_at IS NULL",
            new { approvalId, at = at.ToUniversalTime() }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SettledOverdueApproval>> SettledUnresolved(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The decision that settled it: a rejection where there is one (one rejects), else the last approval.
        var rows = await connection.QueryAsync<SettledRow>(new CommandDefinition(
            """
            SELECT r.approval_id, r.kind, r.subject_id, r.status, r.decided_at, d.decided_by, d.role, d.reason
            FROM approval_request r
            LEFT JOIN LATERAL (SELECT decided_by, role, reason FROM approval_decision x WHERE x.approval_id = r.approval_id
                               ORDER BY x.approve, x.at DESC LIMIT 1) d ON r.status <> 'withdrawn'
            WHERE r.overdue_raised_at IS NOT NULL AND r.overdue_resolved_at IS NULL AND r.status <> 'pending'
            ORDER BY r.approval_id
            LIMIT @limit
            """,
            new { limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new SettledOverdueApproval(
            r.approval_id, r.kind, r.subject_id, r.status, LedgerTime.Utc(r.decided_at), r.decided_by, r.role, r.reason))];
    }

    public async Task MarkResolved(long approvalId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE approval_request SET overdue_resolved_at = @at WHERE approval_id = @approvalId AND overdue_resolved_at IS NULL",
            new { approvalId, at = at.ToUniversalTime() }, cancellationToken: cancellationToken));
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record SettledRow
    {
        public long approval_id { get; init; }
        public string kind { get; init; } = "";
        public string subject_id { get; init; } = "";
        public string status { get; init; } = "";
        public DateTime decided_at { get; init; }
        public string? decided_by { get; init; }
        public string? role { get; init; }
        public string? reason { get; init; }
    }

    // Properties: Npgsql reports text[] as System.Array, which Dapper matches to no string[] constructor parameter.
    private sealed record Row
    {
        public long approval_id { get; init; }
        public string kind { get; init; } = "";
        public string subject_id { get; init; } = "";
        public string? customer_id { get; init; }
        public string? region_id { get; init; }
        public string? department_id { get; init; }
        public decimal? amount { get; init; }
        public string[] waiting { get; init; } = [];
        public string requested_by { get; init; } = "";
        public DateTime requested_at { get; init; }
        public DateTime due_at { get; init; }
    }
#pragma warning restore IDE1006, CA1707
}
