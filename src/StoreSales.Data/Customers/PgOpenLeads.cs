using Dapper;
using Npgsql;
using StoreSales.Abstractions.Customers;

namespace StoreSales.Data.Customers;

/// <summary>Open leads by assignment time: one range of the lead_assigned_idx index (migration 0260).</summary>
public sealed class PgOpenLeads(NpgsqlDataSource dataSource) : IOpenLeads
{
    public async Task<IReadOnlyList<string>> AssignedIn(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var customers = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT customer_id FROM lead WHERE assigned_at > @from AND assigned_at <= @to AND first_contact_at IS NULL ORDER BY customer_id",
            new { from = from.UtcDateTime, to = to.UtcDateTime },
            cancellationToken: cancellationToken));
        return customers.AsList();
    }
}
