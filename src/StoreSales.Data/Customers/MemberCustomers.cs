using Dapper;
using Npgsql;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>
/// Which customer holds a till's member code: the customer whose <c>member:</c> key it is (one key, one customer; a merge
/// moves the key to the kept customer). One statement for a batch's member codes.
/// </summary>
public sealed class MemberCustomers(NpgsqlDataSource dataSource)
{
    /// <summary>Member code (as the till sent it) → customer id, for the codes a customer holds; unknown codes are absent.</summary>
    public async Task<IReadOnlyDictionary<string, string>> Find(IReadOnlyCollection<string> memberCodes, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var code in memberCodes)
        {
            if (CustomerKeys.MemberKey(code) is { } key)
            {
                (byKey.TryGetValue(key.Text, out var codes) ? codes : byKey[key.Text] = []).Add(code);
            }
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (byKey.Count == 0)
        {
            return found;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string CustomerId)>(new CommandDefinition(
            "SELECT key, customer_id FROM customer_key WHERE key = ANY(@keys)",
            new { keys = byKey.Keys.ToArray() },
            cancellationToken: cancellationToken));
        foreach (var (key, customerId) in rows)
        {
            foreach (var code in byKey[key])
            {
                found[code] = customerId;
            }
        }

        return found;
    }
}
