using Dapper;
using Npgsql;

namespace StoreSales.Data.Pool;

/// <summary>A customer in the public pool, as a rep choosing whom to claim sees it: no contact details until claimed.</summary>
public sealed record PoolListEntry(
    string CustomerId,
    string Kind,
    string DisplayName,
    string DepartmentId,
    DateTimeOffset ReleasedAt,
    string ReleasedFromRepId,
    string Reason);

/// <summary>Reads the open pool entries of some teams and stores (or of the whole chain), newest release first.</summary>
public sealed class PoolListing(NpgsqlDataSource dataSource)
{
    /// <param name="departments">The teams whose entries are read; null for every team.</param>
    /// <param name="repStores">Also the entries released from reps of these stores (master data), whatever the team.</param>
    /// <param name="limit">At most this many entries.</param>
    public async Task<IReadOnlyList<PoolListEntry>> Open(IReadOnlyCollection<string>? departments, IReadOnlyCollection<string> repStores, int limit, CancellationToken cancellationToken)
    {
        if (departments is { Count: 0 } && repStores.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string CustomerId, string Kind, string DisplayName, string DepartmentId, DateTime ReleasedAt, string ReleasedFromRepId, string Reason)>(new CommandDefinition(
            """
            SELECT c.customer_id, c.kind, c.display_name, c.department_id, p.released_at, p.released_from_rep_id, p.reason
            FROM pool_entry p
            JOIN customer c ON c.customer_id = p.customer_id AND c.merged_into IS NULL
            WHERE p.claimed_at IS NULL
              AND (@all OR c.department_id = ANY(@departments)
                   OR EXISTS (SELECT 1 FROM rep r WHERE r.rep_id = p.released_from_rep_id AND r.store_id = ANY(@repStores)))
            ORDER BY p.released_at DESC, c.customer_id
            LIMIT @limit
            """,
            new { all = departments is null, departments = departments?.ToArray() ?? [], repStores = repStores.ToArray(), limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => new PoolListEntry(r.CustomerId, r.Kind, r.DisplayName, r.DepartmentId, LedgerTime.Utc(r.ReleasedAt), r.ReleasedFromRepId, r.Reason)).ToList();
    }
}
