using Dapper;
using Npgsql;
using StoreSales.Domain.Access;

namespace StoreSales.Data.Approvals;

/// <summary>The inbox's reads (docs/domain.md "Approvals"): what waits for a viewer's decision, and what a person asked for.</summary>
public sealed partial class ApprovalBook
{
    /// <summary>
    /// Pending requests that still wait for a role of <paramref name="filter"/> (a chain-wide role, or a scoped role in
    /// one of its regions or teams), or all pending ones for a filter of the whole chain; oldest due first; at most
    /// <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<ApprovalRequest>> WaitingFor(ApprovalInboxFilter filter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM approval_request r
            WHERE status = 'pending'
              AND (@all OR EXISTS (SELECT 1 FROM unnest(r.required_roles) AS required (role_name)
                          WHERE (required.role_name = ANY (@wide)
                                 OR (required.role_name = ANY (@scoped)
                                     AND (r.region_id = ANY (@regions) OR r.department_id = ANY (@departments))))
                            AND NOT EXISTS (SELECT 1 FROM approval_decision d
                                            WHERE d.approval_id = r.approval_id AND d.role = required.role_name)))
            ORDER BY due_at, approval_id
            LIMIT @limit
            """,
            new
            {
                wide = filter.WideRoles.ToArray(), scoped = filter.ScopedRoles.ToArray(), regions = filter.Regions.ToArray(),
                departments = filter.Departments.ToArray(), all = filter.All, limit,
            },
            cancellationToken: cancellationToken))).ToList();
        return await WithDecisions(connection, rows, cancellationToken);
    }

    /// <summary>The requests <paramref name="requestedBy"/> filed, newest first: the requester follows their state.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> RequestedBy(string requestedBy, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"SELECT {Columns} FROM approval_request WHERE requested_by = @requestedBy ORDER BY approval_id DESC LIMIT @limit",
            new { requestedBy, limit }, cancellationToken: cancellationToken))).ToList();
        return await WithDecisions(connection, rows, cancellationToken);
    }

    /// <summary>The requests about <paramref name="customerId"/> (any kind, any status), newest first: the customer's approval history.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> OfCustomer(string customerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"SELECT {Columns} FROM approval_request WHERE customer_id = @customerId ORDER BY approval_id DESC LIMIT @limit",
            new { customerId, limit }, cancellationToken: cancellationToken))).ToList();
        return await WithDecisions(connection, rows, cancellationToken);
    }

    private static async Task<IReadOnlyList<ApprovalRequest>> WithDecisions(NpgsqlConnection connection, List<RequestRow> rows, CancellationToken cancellationToken)
    {
        var decisions = await Decisions(connection, null, [.. rows.Select(r => r.approval_id)], cancellationToken);
        return [.. rows.Select(r => r.ToRequest(decisions[r.approval_id]))];
    }
}
