using Dapper;
using Npgsql;

namespace StoreSales.Data.Customers;

/// <summary>
/// Joins two records of one customer (a likely duplicate confirmed by a person): keys, interactions and leads move to
/// the kept customer, the merged record stays as a pointer to it (its id may be on sales and in links), and the merge
/// is written to <c>customer_merge</c> with who, when and why. All in one transaction.
/// </summary>
public sealed class CustomerMerger(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<CustomerMerge> Merge(string keptId, string mergedId, string mergedBy, string reason, CancellationToken cancellationToken)
    {
        if (string.Equals(keptId, mergedId, StringComparison.Ordinal))
        {
            throw new ArgumentException("A customer cannot be merged into itself.", nameof(mergedId));
        }

        var at = LedgerTime.Now(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Both rows locked, in id order so that two merges of the same pair cannot deadlock. Creates, interactions and
        // lead assignments of either customer wait for the merge, then see the result.
        var live = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT customer_id FROM customer
            WHERE customer_id = ANY(@ids) AND merged_into IS NULL
            ORDER BY customer_id
            FOR UPDATE
            """,
            new { ids = new[] { keptId, mergedId } },
            transaction,
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        if (!live.Contains(keptId) || !live.Contains(mergedId))
        {
            return new MergeCustomerUnknown(live.Contains(keptId) ? mergedId : keptId);
        }

        var openLeads = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM lead WHERE customer_id = ANY(@ids) AND first_contact_at IS NULL",
            new { ids = new[] { keptId, mergedId } },
            transaction,
            cancellationToken: cancellationToken));
        if (openLeads > 1)
        {
            return new MergeRefusedBothLeadsOpen(keptId, mergedId);
        }

        var moved = new { keptId, mergedId, at = at.UtcDateTime };
        var keys = await Execute("UPDATE customer_key SET customer_id = @keptId WHERE customer_id = @mergedId");
        var interactions = await Execute("UPDATE interaction SET customer_id = @keptId WHERE customer_id = @mergedId");
        var leads = await Execute("UPDATE lead SET customer_id = @keptId WHERE customer_id = @mergedId");
        await Execute(
            """
            UPDATE customer k
            SET phone = coalesce(k.phone, m.phone),
                credit_code = coalesce(k.credit_code, m.credit_code),
                member_code = coalesce(k.member_code, m.member_code),
                updated_at = @at
            FROM customer m
            WHERE k.customer_id = @keptId AND m.customer_id = @mergedId
            """);
        // Records merged into the merged one before now point at the kept one too: one hop to the customer, always.
        await Execute("UPDATE customer SET merged_into = @keptId, updated_at = @at WHERE customer_id = @mergedId OR merged_into = @mergedId");
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer_merge (kept_id, merged_id, merged_by, merged_at, reason)
            VALUES (@keptId, @mergedId, @mergedBy, @at, @reason)
            """,
            new { keptId, mergedId, mergedBy, at = at.UtcDateTime, reason },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new CustomersMerged(keptId, mergedId, keys, interactions, leads, at);

        Task<int> Execute(string sql) =>
            connection.ExecuteAsync(new CommandDefinition(sql, moved, transaction, cancellationToken: cancellationToken));
    }
}
