using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Credit;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.ContractToCash;

/// <summary>What the board shows: which months (first day of the first, first day after the last), one customer or all, within a scope (null: every customer).</summary>
public sealed record MatchQuery(DateOnly FromMonth, DateOnly ToMonthExclusive, string? CustomerId, OrderScope? Scope);

/// <summary>One line of the board: a contract, or a document that names none (<see cref="LineKind"/> invoice or payment), judged.</summary>
public sealed record MatchLine(string CustomerId, string CustomerName, DateOnly Month, string LineKind, string LineKey, MatchLineFacts Facts, MatchVerdict Verdict)
{
    /// <summary>The customer's owner, team and the owner's store: what the access rule judges a line by.</summary>
    public CustomerOwnership Owner { get; init; } = new("", "", null);
}

/// <summary>Who a customer belongs to, as the access rules ask it.</summary>
public sealed record CustomerOwnership(string OwnerRepId, string DepartmentId, string? OwnerStoreId);

/// <summary>
/// Reads the three-way match board (docs/domain.md "Contract to cash") in one statement: per contract signed in the
/// months asked, the counts and sums of its shipments, sign-offs, invoices (rebate settlements apart), payments (named
/// for it, or applied to one of its invoices) and of its instalments due by <c>asOf</c>; and every invoice and payment
/// that reaches no contract, in the month it was issued or paid (in the customer's time zone). Each line is judged by
/// <see cref="ThreeWayMatch"/>. Aggregates are grouped per table before the join, so 10,000 customers × 12 months is a
/// few hash joins, not a query per line (docs/benchmarks.md "Three-way match").
/// </summary>
public sealed class ThreeWayMatchReader(NpgsqlDataSource dataSource, IOptions<ContractToCashOptions> options, IOptions<ChainCalendarOptions> calendar)
{
    private const string Sql = """
        WITH cust AS MATERIALIZED (
            SELECT c.customer_id, c.display_name, c.owner_rep_id, c.department_id, r.store_id, coalesce(st.time_zone, @zone) AS zone
            FROM customer c LEFT JOIN rep r ON r.rep_id = c.owner_rep_id LEFT JOIN store st ON st.store_id = r.store_id
            WHERE c.kind = 'account' AND c.merged_into IS NULL AND (@customerId::text IS NULL OR c.customer_id = @customerId)
              AND (@all OR c.owner_rep_id = @rep OR c.department_id = ANY (@teams) OR r.store_id = ANY (@stores))
        ),
        k AS MATERIALIZED (
            SELECT k.contract_id, k.customer_id, cust.display_name, cust.owner_rep_id, cust.department_id, cust.store_id, k.gross, k.signed_on FROM contract k JOIN cust USING (customer_id)
            WHERE k.signed_on >= @from AND k.signed_on < @to
        ),
        s AS (SELECT contract_id, count(*) AS n, sum(amount) AS amount FROM shipment WHERE contract_id IN (SELECT contract_id FROM k) GROUP BY contract_id),
        o AS (SELECT contract_id, count(*) AS n, sum(amount) AS amount FROM sign_off WHERE contract_id IN (SELECT contract_id FROM k) GROUP BY contract_id),
        i AS (
            SELECT contract_id, count(*) FILTER (WHERE purpose = 'sale') AS n, coalesce(sum(amount) FILTER (WHERE purpose = 'sale'), 0) AS amount,
                   count(*) FILTER (WHERE purpose <> 'sale') AS rebates
            FROM receivable WHERE contract_id IN (SELECT contract_id FROM k) GROUP BY contract_id
        ),
        p AS (
            SELECT coalesce(p.contract_id, r.contract_id) AS contract_id, count(*) AS n, sum(p.amount) AS amount
            FROM payment p LEFT JOIN receivable r ON r.document_no = p.applied_to
            WHERE coalesce(p.contract_id, r.contract_id) IN (SELECT contract_id FROM k) GROUP BY 1
        ),
        d AS (SELECT contract_id, sum(gross) AS amount FROM contract_instalment WHERE due_on <= @asOf AND contract_id IN (SELECT contract_id FROM k) GROUP BY contract_id)
        SELECT 'contract' AS line_kind, k.customer_id, k.display_name, k.owner_rep_id, k.department_id, k.store_id, k.contract_id AS line_key, k.contract_id, date_trunc('month', k.signed_on)::date AS month, k.gross,
               coalesce(s.n, 0)::int AS shipments, coalesce(s.amount, 0) AS shipped, coalesce(o.n, 0)::int AS sign_offs, coalesce(o.amount, 0) AS signed_off,
               coalesce(i.n, 0)::int AS invoices, coalesce(i.amount, 0) AS invoiced, coalesce(i.rebates, 0)::int AS rebates,
               coalesce(p.n, 0)::int AS payments, coalesce(p.amount, 0) AS paid, coalesce(d.amount, 0) AS due_so_far
        FROM k LEFT JOIN s USING (contract_id) LEFT JOIN o USING (contract_id) LEFT JOIN i USING (contract_id) LEFT JOIN p USING (contract_id)
               LEFT JOIN d USING (contract_id)
        UNION ALL
        SELECT 'invoice', r.customer_id, cust.display_name, cust.owner_rep_id, cust.department_id, cust.store_id, r.document_no, NULL, date_trunc('month', r.issued_on)::date, 0,
               0, 0, 0, 0, (r.purpose = 'sale')::int, CASE WHEN r.purpose = 'sale' THEN r.amount ELSE 0 END, (r.purpose <> 'sale')::int, 0, 0, 0
        FROM receivable r JOIN cust USING (customer_id)
        WHERE r.contract_id IS NULL AND r.issued_on >= @from AND r.issued_on < @to
        UNION ALL
        SELECT 'payment', x.customer_id, x.display_name, x.owner_rep_id, x.department_id, x.store_id, x.document_no, NULL, x.month, 0, 0, 0, 0, 0, 0, 0, 0, 1, x.amount, 0
        FROM (
            SELECT p.customer_id, cust.display_name, cust.owner_rep_id, cust.department_id, cust.store_id, p.document_no, p.amount, date_trunc('month', p.paid_at AT TIME ZONE cust.zone)::date AS month
            FROM payment p JOIN cust USING (customer_id) LEFT JOIN receivable r ON r.document_no = p.applied_to
            WHERE p.contract_id IS NULL AND r.contract_id IS NULL
              AND p.paid_at >= @from::timestamp - interval '1 day' AND p.paid_at < @to::timestamp + interval '1 day'
        ) x
        WHERE x.month >= @from AND x.month < @to
        """;

    public async Task<IReadOnlyList<MatchLine>> Read(MatchQuery query, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var scope = query.Scope;
        var rows = await connection.QueryAsync<MatchRow>(new CommandDefinition(
            Sql,
            new
            {
                zone = calendar.Value.TimeZone, customerId = query.CustomerId, all = scope is null, rep = scope?.RepId, teams = (scope?.Teams ?? []).ToArray(),
                stores = (scope?.Stores ?? []).ToArray(), from = query.FromMonth.ToDateTime(TimeOnly.MinValue), to = query.ToMonthExclusive.ToDateTime(TimeOnly.MinValue),
                asOf = asOf.ToDateTime(TimeOnly.MinValue),
            },
            commandTimeout: 120,
            cancellationToken: cancellationToken));
        var tolerance = options.Value.MatchTolerance;
        return [.. rows.Select(r => r.ToLine(tolerance)).OrderBy(l => l.CustomerId, StringComparer.Ordinal).ThenBy(l => l.Month).ThenBy(l => l.LineKey, StringComparer.Ordinal)];
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record MatchRow(
        string line_kind, string customer_id, string display_name, string owner_rep_id, string department_id, string? store_id, string line_key, string? contract_id, DateOnly month, decimal gross, int shipments, decimal shipped, int sign_offs,
        decimal signed_off, int invoices, decimal invoiced, int rebates, int payments, decimal paid, decimal due_so_far)
    {
        public MatchLine ToLine(decimal tolerance)
        {
            var facts = new MatchLineFacts(contract_id, gross, shipments, shipped, sign_offs, signed_off, invoices, invoiced, rebates, payments, paid, due_so_far);
            return new MatchLine(customer_id, display_name, month, line_kind, line_key, facts, ThreeWayMatch.Judge(facts, tolerance))
            {
                Owner = new CustomerOwnership(owner_rep_id, department_id, store_id),
            };
        }
    }
#pragma warning restore IDE1006, CA1707
}
