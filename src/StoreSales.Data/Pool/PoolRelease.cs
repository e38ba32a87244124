using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Live;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Pool;

/// <summary>
/// Releases dormant customers to the public pool (公海), set-based: every customer whose last activity is
/// <c>SalesForce:Dormancy:ReleaseToPoolAfterDays</c> (45) calendar days old or more in the chain's time zone
/// (docs/domain.md "Dormant customers"). Set-based, not by waking a grain per customer: the question is the same for a
/// million customers and PostgreSQL answers it from the interaction and lead indexes.
/// </summary>
/// <remarks>
/// Activity as <see cref="DormancyRule"/> counts it (<see cref="CustomerActivitySql"/>): the latest of creation, last
/// assignment (a lead), last claim from the pool, last completed hand-over, last interaction of a counting kind
/// (<c>SalesForce:Dormancy:ActivityKinds</c>) and last till sale under one of the customer's member codes where its kind's
/// purchases count (<c>PurchaseCountsForAccounts</c>, <c>PurchaseCountsForMembers</c>). A customer whose hand-over is
/// open stays with its departing rep until it is completed: the hand-over, not the pool, decides who serves it next. The calendar stays
/// <see cref="ChainCalendar"/>'s: "45 days or more" is "the last activity's date is on or before today − 45", which is
/// "the last activity happened before the first moment of today − 44" — a single instant computed here, so the
/// statement compares timestamps and uses the indexes instead of converting every row to a local date.
/// </remarks>
/// <param name="notices">Told of the customers released, after the commit (none in hosts that show no pool).</param>
public sealed class PoolRelease(NpgsqlDataSource dataSource, IOptions<DormancyOptions> dormancy, IOptions<ChainCalendarOptions> calendar, IPoolNotices? notices = null)
{
    /// <summary>A customer (<c>c</c>) not merged, not in the pool, and with no activity at or after <c>@activeSince</c>.</summary>
    private static readonly string DormantSince =
        $"""
        c.merged_into IS NULL
          AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at IS NULL)
          AND {CustomerActivitySql.NoneSince("@activeSince")}
          AND NOT EXISTS (SELECT 1 FROM customer_handover h WHERE h.customer_id = c.customer_id AND h.completed_at IS NULL)
        """;

    /// <summary>Releases every customer dormant for the release period at <paramref name="now"/>; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> Run(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = dormancy.Value;
        var zone = calendar.Value.Zone();
        var today = ChainCalendar.DateOf(now, zone);
        var activeSince = ChainCalendar.StartOf(today.AddDays(-(options.ReleaseToPoolAfterDays - 1)), zone);
        var parameters = CustomerActivitySql.Parameters(options);
        parameters.Add("now", now.UtcDateTime);
        parameters.Add("activeSince", activeSince.UtcDateTime);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Two statements, because one statement's snapshot is taken before it starts: a lead assigned or a call recorded
        // while it ran would not be seen, and a customer just given to a rep would land in the pool. So the candidates
        // are locked first (the lead book, claims and interactions lock the customer row too; SKIP LOCKED: a customer
        // someone is working on right now is not dormant, and the run waits for nobody), then checked again by a new
        // statement that sees everything committed before the locks were taken.
        var candidates = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT c.customer_id FROM customer c WHERE {DormantSince} ORDER BY c.customer_id FOR UPDATE OF c SKIP LOCKED",
            parameters,
            transaction,
            cancellationToken: cancellationToken))).ToArray();
        if (candidates.Length == 0)
        {
            return [];
        }

        parameters.Add("candidates", candidates);
        // With each customer its team and the store of the rep it was released from: who may hear of it (PoolListing's scope).
        var released = (await connection.QueryAsync<(string CustomerId, string DepartmentId, string? StoreId)>(new CommandDefinition(
            $"""
            WITH released AS (
                INSERT INTO pool_entry (customer_id, released_at, released_from_rep_id, reason)
                SELECT c.customer_id, @now, c.owner_rep_id, 'dormant'
                FROM customer c
                WHERE c.customer_id = ANY(@candidates) AND {DormantSince}
                ORDER BY c.customer_id
                ON CONFLICT (customer_id) WHERE claimed_at IS NULL DO NOTHING
                RETURNING customer_id, released_from_rep_id)
            SELECT r.customer_id, c.department_id, rep.store_id
            FROM released r
            JOIN customer c ON c.customer_id = r.customer_id
            LEFT JOIN rep ON rep.rep_id = r.released_from_rep_id
            ORDER BY r.customer_id
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken))).AsList();
        await transaction.CommitAsync(cancellationToken);
        notices?.Changed([.. released.Select(r => new PoolChange(r.CustomerId, r.DepartmentId, r.StoreId, PoolChangeKind.Entered))]);
        return [.. released.Select(r => r.CustomerId)];
    }
}
