using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Abstractions.Live;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Pool;

namespace StoreSales.Data.Pool;

/// <summary>
/// Claims a customer from the public pool for a rep: <see cref="PoolClaimRule"/> decides on what the transaction has
/// locked, and the effect (the rep owns the customer, the pool entry is closed, the rep's claims of the day counted) is
/// one transaction (docs/domain.md "Public pool claims").
/// </summary>
/// <remarks>
/// Two locks, always in this order, so no two claims wait for each other in a circle:
/// <list type="number">
/// <item>the customer row: of fifty reps claiming one customer, one holds it, the rest wait, then find its entry closed
/// (read by a new statement, which in READ COMMITTED sees the winner's commit) and are refused as not in the pool;</item>
/// <item>the rep's counter row of the day (<c>pool_claim_day</c>): a rep's concurrent claims of different customers
/// are counted one after another, so a cap of five holds against eight at once.</item>
/// </list>
/// The counter is locked only once the first three rules pass: a refused claim never waits for the rep's other claims.
/// </remarks>
/// <param name="notices">Told of a customer claimed, after the commit (none in hosts that show no pool).</param>
public sealed class PoolClaims(NpgsqlDataSource dataSource, IOptions<PoolClaimOptions> options, IOptions<ChainCalendarOptions> calendar, TimeProvider clock, IPoolNotices? notices = null)
{
    /// <param name="customerId">The customer claimed.</param>
    /// <param name="repId">The rep claiming.</param>
    /// <param name="repTeams">The rep's sales teams (departments) from their sign-in.</param>
    public async Task<PoolClaimResult> Claim(string customerId, string repId, IReadOnlySet<string> repTeams, CancellationToken cancellationToken)
    {
        var zone = calendar.Value.Zone();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var customers = await connection.QueryAsync<(string DepartmentId, string OwnerRepId)>(new CommandDefinition(
            "SELECT department_id, owner_rep_id FROM customer WHERE customer_id = @customerId AND merged_into IS NULL FOR UPDATE",
            new { customerId },
            transaction,
            cancellationToken: cancellationToken));
        if (customers.AsList() is not [var found])
        {
            return new PoolCustomerUnknown(customerId);
        }

        // The time after the lock: a release that committed while we waited is older than the claim (claimed_at >= released_at).
        var now = LedgerTime.Now(clock);

        // A statement of its own after the lock: it sees whatever the claim we may have waited for committed.
        var entries = await connection.QueryAsync<(long EntryId, string ReleasedFromRepId, DateTime ReleasedAt, string? ReleasedFromStoreId)>(new CommandDefinition(
            """
            SELECT p.pool_entry_id, p.released_from_rep_id, p.released_at, r.store_id
            FROM pool_entry p LEFT JOIN rep r ON r.rep_id = p.released_from_rep_id
            WHERE p.customer_id = @customerId AND p.claimed_at IS NULL
            """,
            new { customerId },
            transaction,
            cancellationToken: cancellationToken));
        var open = entries.AsList() is [var single] ? single : ((long EntryId, string ReleasedFromRepId, DateTime ReleasedAt, string? ReleasedFromStoreId)?)null;
        var entry = new PoolEntry(customerId, found.DepartmentId, open is not null, open?.ReleasedFromRepId, open is { } o ? LedgerTime.Utc(o.ReleasedAt) : null);
        // The rule compares one department: the rep's team that is the customer's, if any, else the one it names.
        var department = repTeams.Contains(found.DepartmentId) ? found.DepartmentId : repTeams.Order(StringComparer.Ordinal).FirstOrDefault() ?? "";

        var verdict = PoolClaimRule.Decide(entry, new PoolClaimant(repId, department, []), now, zone, options.Value);
        if (verdict.IsAllowed)
        {
            var day = ChainCalendar.DateOf(now, zone);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO pool_claim_day (rep_id, day) VALUES (@repId, @day) ON CONFLICT DO NOTHING",
                new { repId, day },
                transaction,
                cancellationToken: cancellationToken));
            var claims = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT claims FROM pool_claim_day WHERE rep_id = @repId AND day = @day FOR UPDATE",
                new { repId, day },
                transaction,
                cancellationToken: cancellationToken));
            // The counter keeps a number, the rule counts moments of today: today's claims, each at a moment of today.
            verdict = PoolClaimRule.Decide(entry, new PoolClaimant(repId, department, Enumerable.Repeat(now, claims).ToArray()), now, zone, options.Value);
            if (verdict.IsAllowed)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE pool_entry SET claimed_at = @at, claimed_by_rep_id = @repId WHERE pool_entry_id = @entryId;
                    UPDATE customer SET owner_rep_id = @repId, updated_at = @at WHERE customer_id = @customerId;
                    UPDATE pool_claim_day SET claims = claims + 1 WHERE rep_id = @repId AND day = @day;
                    """,
                    new { at = now.UtcDateTime, repId, entryId = open!.Value.EntryId, customerId, day },
                    transaction,
                    cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                notices?.Changed([new PoolChange(customerId, found.DepartmentId, open.Value.ReleasedFromStoreId, PoolChangeKind.Left)]);
                return new PoolClaimed(customerId, repId, now, claims + 1);
            }
        }

        await transaction.RollbackAsync(cancellationToken);
        return new PoolClaimRefused(verdict, found.DepartmentId, found.OwnerRepId);
    }
}
