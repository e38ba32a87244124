using Dapper;
using Npgsql;
using StoreSales.Data.Customers;
using StoreSales.Domain.Demo.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Data.Demo;

/// <summary>
/// Writes the demo chain's customers (<see cref="DemoCustomerBook"/>) with their keys, interactions and open leads, in one
/// transaction of set-based statements (a few thousand customers in about a second at the silo's first start). A customer
/// already there is left as it is, with its history: seeding again adds nothing, and a demo restarted days later shows the
/// rules having moved on. A customer whose key another already holds (a chain configured to match members by name) is
/// skipped, as deduplication would refuse it.
/// </summary>
public sealed class DemoCustomerSeeder(NpgsqlDataSource dataSource, CustomerIdentityOptions identity, TimeZoneInfo zone)
{
    public async Task<int> Seed(IReadOnlyList<DemoCustomer> customers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Keys held by customers created before the demo's (by hand, by import): those demo customers are left out.
        var wanted = customers.SelectMany(c => CustomerKeys.Of(c.Identity, identity).Keys.Select(k => k.Text)).ToArray();
        var held = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT key FROM customer_key WHERE key = ANY(@wanted)", new { wanted }, transaction, cancellationToken: cancellationToken));
        var rows = Rows(customers, held);
        var added = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, phone, credit_code, member_code,
                                  owner_rep_id, department_id, service_from, created_at, updated_at)
            SELECT c.id, c.kind, c.name, c.normalized, c.phone, c.credit, c.member, c.owner, c.department,
                   c.service_from, c.created, c.created
            FROM unnest(@ids::text[], @kinds::text[], @names::text[], @normalized::text[], @phones::text[], @credits::text[],
                        @members::text[], @owners::text[], @departments::text[], @serviceFrom::date[], @created::timestamptz[])
                 AS c(id, kind, name, normalized, phone, credit, member, owner, department, service_from, created)
            ON CONFLICT (customer_id) DO NOTHING
            RETURNING customer_id
            """,
            new
            {
                ids = rows.Select(r => r.Customer.CustomerId).ToArray(),
                kinds = rows.Select(r => StoredNames.Of(r.Customer.Kind)).ToArray(),
                names = rows.Select(r => r.Customer.Name).ToArray(),
                normalized = rows.Select(r => CustomerName.Normalize(r.Customer.Name, r.Customer.Kind).Value!).ToArray(),
                phones = rows.Select(r => r.ValueOf(CustomerKeyKind.Phone)).ToArray(),
                credits = rows.Select(r => r.ValueOf(CustomerKeyKind.CreditCode)).ToArray(),
                members = rows.Select(r => r.ValueOf(CustomerKeyKind.MemberCode)).ToArray(),
                owners = rows.Select(r => r.Customer.OwnerRepId).ToArray(),
                departments = rows.Select(r => r.Customer.DepartmentId).ToArray(),
                serviceFrom = rows.Select(r => Domain.SalesForce.ChainCalendar.DateOf(r.Customer.CreatedAt, zone).ToDateTime(TimeOnly.MinValue)).ToArray(),
                created = rows.Select(r => r.Customer.CreatedAt.UtcDateTime).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);

        var fresh = rows.Where(r => added.Contains(r.Customer.CustomerId)).ToList();
        var keys = fresh.SelectMany(r => r.Keys.Select(k => (r.Customer.CustomerId, Key: k))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO customer_key (key, customer_id) SELECT * FROM unnest(@keys::text[], @ids::text[])",
            new { keys = keys.Select(k => k.Key).ToArray(), ids = keys.Select(k => k.CustomerId).ToArray() },
            transaction,
            cancellationToken: cancellationToken));

        var interactions = fresh.SelectMany(r => r.Customer.Interactions.Select(i => (r.Customer, Interaction: i))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO interaction (customer_id, rep_id, kind, at, outcome)
            SELECT * FROM unnest(@ids::text[], @reps::text[], @kinds::text[], @at::timestamptz[], @outcomes::text[])
            """,
            new
            {
                ids = interactions.Select(i => i.Customer.CustomerId).ToArray(),
                reps = interactions.Select(i => i.Customer.OwnerRepId).ToArray(),
                kinds = interactions.Select(i => StoredNames.Of(i.Interaction.Kind)).ToArray(),
                at = interactions.Select(i => i.Interaction.At.UtcDateTime).ToArray(),
                outcomes = interactions.Select(i => i.Interaction.Outcome).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        var leads = fresh.Where(r => r.Customer.OpenLeadAssignedAt is not null).Select(r => r.Customer).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO lead (customer_id, rep_id, assigned_at) SELECT * FROM unnest(@ids::text[], @reps::text[], @at::timestamptz[])",
            new
            {
                ids = leads.Select(c => c.CustomerId).ToArray(),
                reps = leads.Select(c => c.OwnerRepId).ToArray(),
                at = leads.Select(c => c.OpenLeadAssignedAt!.Value.UtcDateTime).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return fresh.Count;
    }

    /// <summary>Each customer with its keys; the first customer to hold a key keeps it, a later one is left out.</summary>
    private List<Row> Rows(IReadOnlyList<DemoCustomer> customers, IEnumerable<string> held)
    {
        var taken = new HashSet<string>(held, StringComparer.Ordinal);
        var rows = new List<Row>(customers.Count);
        foreach (var customer in customers)
        {
            var keys = CustomerKeys.Of(customer.Identity, identity);
            if (!keys.IsValid)
            {
                throw new InvalidDataException($"Demo customer {customer.CustomerId} is invalid: {string.Join("; ", keys.Failures)}.");
            }

            var texts = keys.Keys.Select(k => k.Text).ToArray();
            if (texts.Any(taken.Contains))
            {
                continue;
            }

            taken.UnionWith(texts);
            rows.Add(new Row(customer, keys, texts));
        }

        return rows;
    }

    private sealed record Row(DemoCustomer Customer, CustomerKeys KeySet, string[] Keys)
    {
        public string? ValueOf(CustomerKeyKind kind) => KeySet.Keys.FirstOrDefault(k => k.Kind == kind)?.Value;
    }
}
