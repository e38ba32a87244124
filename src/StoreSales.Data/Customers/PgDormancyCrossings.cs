using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Customers;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>
/// The customers whose last activity lies in a window of time, set-based (the dormancy sweep's question: who crossed day
/// 30 or day 180 since the last sweep). First the customers something happened to in the window, each from a range of a
/// time index (migration 0260; a store's sales by the ledger's (store_id, rung_up_at) index), then those with nothing
/// since the window's end. A million customers cost what one sweep period's activity costs, not a read of each.
/// </summary>
public sealed class PgDormancyCrossings(NpgsqlDataSource dataSource, IOptions<DormancyOptions> dormancy) : IDormancyCrossings
{
    private static readonly string Sql =
        $"""
        WITH touched AS (
            SELECT customer_id FROM customer WHERE merged_into IS NULL AND created_at >= @from AND created_at < @to
            UNION SELECT customer_id FROM lead WHERE assigned_at >= @from AND assigned_at < @to
            UNION SELECT customer_id FROM pool_entry WHERE claimed_at >= @from AND claimed_at < @to
            UNION SELECT customer_id FROM interaction WHERE at >= @from AND at < @to AND kind = ANY(@kinds)
            UNION SELECT k.customer_id
                  FROM store st
                  CROSS JOIN LATERAL (
                      SELECT DISTINCT member_id FROM sale
                      WHERE store_id = st.store_id AND rung_up_at >= @from AND rung_up_at < @to AND member_id IS NOT NULL) s
                  JOIN customer_key k ON k.key = ('member:' || s.member_id) COLLATE "C"
                  JOIN customer c ON c.customer_id = k.customer_id
                  WHERE {CustomerActivitySql.PurchaseCounts("c")}
        )
        SELECT c.customer_id FROM customer c JOIN touched t ON t.customer_id = c.customer_id
        WHERE c.merged_into IS NULL AND {CustomerActivitySql.NoneSince("@to")}
        ORDER BY c.customer_id
        """;

    public async Task<IReadOnlyList<string>> IdleSince(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var parameters = CustomerActivitySql.Parameters(dormancy.Value);
        parameters.Add("from", from.UtcDateTime);
        parameters.Add("to", to.UtcDateTime);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var customers = await connection.QueryAsync<string>(new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));
        return customers.AsList();
    }
}
