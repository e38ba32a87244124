using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Customers;

/// <summary>
/// Creates customers: one customer, one id (docs/domain.md, "Customer identity and deduplication"). The identity is
/// normalised and turned into keys by the Domain (<see cref="CustomerKeys.Of"/>); the customer and its keys are
/// inserted in one transaction, and a key already held makes the whole creation a likely duplicate, rolled back:
/// never a half-written customer.
/// </summary>
public sealed class CustomerIntake(NpgsqlDataSource dataSource, IOptions<CustomerIdentityOptions> identityOptions, TimeProvider clock)
{
    public async Task<CustomerCreation> Create(NewCustomer customer, CancellationToken cancellationToken)
    {
        var keys = CustomerKeys.Of(customer.Identity, identityOptions.Value);
        if (!keys.IsValid)
        {
            return new CustomerIdentityRefused(keys.Failures);
        }

        var name = CustomerName.Normalize(customer.Identity.Name, customer.Identity.Kind);
        var now = LedgerTime.Now(clock);
        var customerId = CustomerIds.New();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The import row key first: a second request for the same row waits here for the first to commit (or roll
        // back) and then finds its customer, whatever its keys say. Rows without a key never conflict (NULLs are distinct).
        var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, phone, credit_code, member_code,
                                  owner_rep_id, department_id, service_from, service_to, created_at, updated_at, import_row_key)
            VALUES (@customerId, @kind, @displayName, @normalizedName, @phone, @creditCode, @memberCode,
                    @ownerRepId, @departmentId, @serviceFrom, @serviceTo, @now, @now, @importRowKey)
            ON CONFLICT (import_row_key) DO NOTHING
            RETURNING customer_id
            """,
            new
            {
                customerId,
                kind = StoredNames.Of(customer.Identity.Kind),
                displayName = customer.Identity.Name!.Trim(),
                normalizedName = name.Value,
                phone = ValueOf(keys, CustomerKeyKind.Phone),
                creditCode = ValueOf(keys, CustomerKeyKind.CreditCode),
                memberCode = ValueOf(keys, CustomerKeyKind.MemberCode),
                ownerRepId = customer.OwnerRepId,
                departmentId = customer.DepartmentId,
                serviceFrom = customer.ServiceFrom,
                serviceTo = customer.ServiceTo,
                now = now.UtcDateTime,
                importRowKey = customer.ImportRowKey,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new CustomerAlreadyImported(await ImportedCustomer(connection, customer.ImportRowKey!, cancellationToken));
        }

        // In ordinal order, so two creates that share keys take them in the same order: one waits for the other,
        // neither deadlocks. A key held by a committed customer is skipped and reported back as missing.
        var wanted = keys.Keys.Select(k => k.Text).Order(StringComparer.Ordinal).ToArray();
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            INSERT INTO customer_key (key, customer_id)
            SELECT key, @customerId FROM unnest(@wanted::text[]) WITH ORDINALITY AS k(key, n) ORDER BY n
            ON CONFLICT (key) DO NOTHING
            RETURNING key
            """,
            new { customerId, wanted },
            transaction,
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        if (taken.Count == wanted.Length)
        {
            await transaction.CommitAsync(cancellationToken);
            return new CustomerCreated(customerId);
        }

        // A new statement sees what committed while the insert waited: the holders of the keys we did not get.
        var holders = (await connection.QueryAsync<(string Key, string CustomerId)>(new CommandDefinition(
            "SELECT key, customer_id FROM customer_key WHERE key = ANY(@missing)",
            new { missing = wanted.Where(k => !taken.Contains(k)).ToArray() },
            transaction,
            cancellationToken: cancellationToken))).ToDictionary(h => h.Key, h => h.CustomerId, StringComparer.Ordinal);
        await transaction.RollbackAsync(cancellationToken);

        var strongest = keys.Keys.First(k => holders.ContainsKey(k.Text));
        return new CustomerLikelyDuplicate(holders[strongest.Text], strongest.Kind);
    }

    private static string? ValueOf(CustomerKeys keys, CustomerKeyKind kind) =>
        keys.Keys.FirstOrDefault(k => k.Kind == kind)?.Value;

    /// <summary>The customer an import row made, or the one it was merged into since.</summary>
    private static async Task<string> ImportedCustomer(NpgsqlConnection connection, string importRowKey, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT coalesce(merged_into, customer_id) FROM customer WHERE import_row_key = @importRowKey",
            new { importRowKey },
            cancellationToken: cancellationToken))
        ?? throw new InvalidOperationException($"Import row '{importRowKey}' conflicted but no customer holds it.");
}
