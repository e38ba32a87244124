using Dapper;
using Npgsql;
using StoreSales.Abstractions.Live;
using StoreSales.Data.Pool;

namespace StoreSales.Data.Customers;

/// <summary>
/// Gives customers to reps as leads. The rep becomes the customer's owner in the same transaction (a lead is a
/// customer given to a rep to serve; the dormancy count restarts from the assignment). One open lead per customer is
/// held by a unique index, not by a check before the insert.
/// </summary>
/// <param name="notices">Told when a customer given as a lead leaves the public pool, after the commit.</param>
public sealed class LeadBook(NpgsqlDataSource dataSource, TimeProvider clock, IPoolNotices? notices = null)
{
    public async Task<LeadAssignment> Assign(string customerId, string repId, CancellationToken cancellationToken)
    {
        var at = LedgerTime.Now(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Locked so that a merge of the customer and this assignment happen one after the other.
        var departmentId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT department_id FROM customer WHERE customer_id = @customerId AND merged_into IS NULL FOR UPDATE",
            new { customerId },
            transaction,
            cancellationToken: cancellationToken));
        if (departmentId is null)
        {
            return new LeadCustomerUnknown(customerId);
        }

        var leadId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO lead (customer_id, rep_id, assigned_at) VALUES (@customerId, @repId, @at)
            ON CONFLICT (customer_id) WHERE first_contact_at IS NULL DO NOTHING
            RETURNING lead_id
            """,
            new { customerId, repId, at = at.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        if (leadId is null)
        {
            var open = await connection.QuerySingleAsync<(long LeadId, string RepId, DateTime AssignedAt)>(new CommandDefinition(
                "SELECT lead_id, rep_id, assigned_at FROM lead WHERE customer_id = @customerId AND first_contact_at IS NULL",
                new { customerId },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.RollbackAsync(cancellationToken);
            return new LeadAlreadyOpen(new LeadRecord(open.LeadId, customerId, open.RepId, LedgerTime.Utc(open.AssignedAt), null));
        }

        // Given to a rep, a customer in the public pool is no longer there (no claim counted against anyone's cap); the
        // store of the rep it was released from says who hears of it leaving.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE customer SET owner_rep_id = @repId, updated_at = @at WHERE customer_id = @customerId",
            new { customerId, repId, at = at.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        var leftPool = (await connection.QueryAsync<string?>(new CommandDefinition(
            """
            UPDATE pool_entry p SET claimed_at = @at, claimed_by_rep_id = @repId WHERE p.customer_id = @customerId AND p.claimed_at IS NULL
            RETURNING (SELECT r.store_id FROM rep r WHERE r.rep_id = p.released_from_rep_id)
            """,
            new { customerId, repId, at = at.UtcDateTime },
            transaction,
            cancellationToken: cancellationToken))).AsList();
        await transaction.CommitAsync(cancellationToken);
        if (leftPool is [var releasedFromStore])
        {
            notices?.Changed([new PoolChange(customerId, departmentId, releasedFromStore, PoolChangeKind.Left)]);
        }

        return new LeadAssigned(new LeadRecord(leadId.Value, customerId, repId, at, null));
    }
}
