using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Credit;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.ContractToCash;

/// <summary>What the board shows: which months (first day of the first, first day after the last), one customer or all, within a scope (null: every customer).</summary>
public sealed record MatchQuery(DateOnly FromMonth, DateOnly ToMonthExclusive, string? CustomerId, OrderScope? Scope);

/// <summary>
/// One line of the board, judged: a contract line (<see cref="LineKind"/> <c>contract-line</c>), a contract without lines or
/// the whole of a lined contract some documents of which name no line (<c>contract</c>), or a document that names no
/// contract (<c>invoice</c> or <c>payment</c>).
/// </summary>
public sealed record MatchLine(string CustomerId, string CustomerName, DateOnly Month, string LineKind, string LineKey, MatchLineFacts Facts, MatchVerdict Verdict)
{
    /// <summary>The customer's owner, team and the owner's store: what the access rule judges a line by.</summary>
    public CustomerOwnership Owner { get; init; } = new("", "", null);

    /// <summary>For a contract line (<see cref="LineKind"/> <c>contract-line</c>, key <c>{contract}:{line}</c>): its number and item.</summary>
    public int? LineNo { get; init; }

    /// <inheritdoc cref="LineNo"/>
    public string? Item { get; init; }
}

/// <summary>Who a customer belongs to, as the access rules ask it.</summary>
public sealed record CustomerOwnership(string OwnerRepId, string DepartmentId, string? OwnerStoreId);

/// <summary>
/// Reads the three-way match board (docs/domain.md "Contract to cash") in one statement: per contract line (or contract
/// without lines) signed in the months asked, the counts and sums of its shipments, sign-offs, invoices (rebate
/// settlements apart), payments (named for it, or applied to one of its invoices) and of its contract's instalments due
/// by <c>asOf</c> (a line's share: <see cref="ContractLines.DueShare"/>); and every invoice and payment
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
            SELECT k.contract_id, k.customer_id, cust.display_name, cust.owner_rep_id, cust.department_id, cust.store_id, k.gross, k.signed_on,
                   EXISTS (SELECT 1 FROM contract_line l WHERE l.contract_id = k.contract_id) AS lined
            FROM contract k JOIN cust USING (customer_id)
            WHERE k.signed_on >= @from AND k.signed_on < @to
        ),
        docs AS (
            SELECT contract_id, line_no, 1 AS s_n, amount AS s_amount, 0 AS o_n, 0::numeric AS o_amount, 0 AS i_n, 0::numeric AS i_amount, 0 AS rebates, 0 AS p_n, 0::numeric AS p_amount
            FROM shipment WHERE contract_id IN (SELECT contract_id FROM k)
            UNION ALL
            SELECT contract_id, line_no, 0, 0, 1, amount, 0, 0, 0, 0, 0 FROM sign_off WHERE contract_id IN (SELECT contract_id FROM k)
            UNION ALL
            SELECT contract_id, line_no, 0, 0, 0, 0, (purpose = 'sale')::int, CASE WHEN purpose = 'sale' THEN amount ELSE 0 END, (purpose <> 'sale')::int, 0, 0
            FROM receivable WHERE contract_id IN (SELECT contract_id FROM k)
            UNION ALL
            -- A payment naming its contract says its line itself; one reaching the contract through its invoice takes the invoice's line.
            SELECT coalesce(p.contract_id, r.contract_id), CASE WHEN p.contract_id IS NULL THEN r.line_no ELSE p.line_no END, 0, 0, 0, 0, 0, 0, 0, 1, p.amount
            FROM payment p LEFT JOIN receivable r ON r.document_no = p.applied_to
            WHERE coalesce(p.contract_id, r.contract_id) IN (SELECT contract_id FROM k)
        ),
        -- Per contract line (line_no null: the documents naming no line) and, grouping(line_no) = 1, per contract as a whole.
        per AS (
            SELECT contract_id, line_no, grouping(line_no) = 1 AS whole, sum(s_n)::int AS shipments, sum(s_amount) AS shipped, sum(o_n)::int AS sign_offs,
                   sum(o_amount) AS signed_off, sum(i_n)::int AS invoices, sum(i_amount) AS invoiced, sum(rebates)::int AS rebates, sum(p_n)::int AS payments,
                   sum(p_amount) AS paid
            FROM docs GROUP BY GROUPING SETS ((contract_id, line_no), (contract_id))
        ),
        d AS (SELECT contract_id, sum(gross) AS amount FROM contract_instalment WHERE due_on <= @asOf AND contract_id IN (SELECT contract_id FROM k) GROUP BY contract_id)
        -- A contract without lines is one line of the board; a contract with lines shows each, and its whole only while some document names no line.
        SELECT 'contract' AS line_kind, k.customer_id, k.display_name, k.owner_rep_id, k.department_id, k.store_id, k.contract_id AS line_key, k.contract_id,
               NULL::int AS line_no, NULL AS item, date_trunc('month', k.signed_on)::date AS month, k.gross, k.gross AS contract_gross,
               coalesce(w.shipments, 0) AS shipments, coalesce(w.shipped, 0) AS shipped, coalesce(w.sign_offs, 0) AS sign_offs, coalesce(w.signed_off, 0) AS signed_off,
               coalesce(w.invoices, 0) AS invoices, coalesce(w.invoiced, 0) AS invoiced, coalesce(w.rebates, 0) AS rebates,
               coalesce(w.payments, 0) AS payments, coalesce(w.paid, 0) AS paid, coalesce(d.amount, 0) AS due_so_far
        FROM k LEFT JOIN per w ON w.contract_id = k.contract_id AND w.whole LEFT JOIN d ON d.contract_id = k.contract_id
        WHERE NOT k.lined OR EXISTS (SELECT 1 FROM per u WHERE u.contract_id = k.contract_id AND NOT u.whole AND u.line_no IS NULL)
        UNION ALL
        SELECT 'contract-line', k.customer_id, k.display_name, k.owner_rep_id, k.department_id, k.store_id, k.contract_id || ':' || l.line_no, k.contract_id,
               l.line_no, l.item, date_trunc('month', k.signed_on)::date, l.gross, k.gross,
               coalesce(x.shipments, 0), coalesce(x.shipped, 0), coalesce(x.sign_offs, 0), coalesce(x.signed_off, 0), coalesce(x.invoices, 0), coalesce(x.invoiced, 0),
               coalesce(x.rebates, 0), coalesce(x.payments, 0), coalesce(x.paid, 0), coalesce(d.amount, 0)
        FROM k JOIN contract_line l ON l.contract_id = k.contract_id
             LEFT JOIN per x ON x.contract_id = l.contract_id AND NOT x.whole AND x.line_no = l.line_no LEFT JOIN d ON d.contract_id = k.contract_id
        UNION ALL
        SELECT 'invoice', r.customer_id, cust.display_name, cust.owner_rep_id, cust.department_id, cust.store_id, r.document_no, NULL, NULL, NULL,
               date_trunc('month', r.issued_on)::date, 0, 0, 0, 0, 0, 0, (r.purpose = 'sale')::int, CASE WHEN r.purpose = 'sale' THEN r.amount ELSE 0 END, (r.purpose <> 'sale')::int, 0, 0, 0
        FROM receivable r JOIN cust USING (customer_id)
        WHERE r.contract_id IS NULL AND r.issued_on >= @from AND r.issued_on < @to
        UNION ALL
        SELECT 'payment', x.customer_id, x.display_name, x.owner_rep_id, x.department_id, x.store_id, x.document_no, NULL, NULL, NULL, x.month, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
               x.amount, 0
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
        return [.. rows.Select(r => r.ToLine(tolerance)).OrderBy(l => l.CustomerId, StringComparer.Ordinal).ThenBy(l => l.Month).ThenBy(l => l.Facts.ContractId ?? l.LineKey, StringComparer.Ordinal)
            .ThenBy(l => l.LineNo ?? 0)];
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record MatchRow(
        string line_kind, string customer_id, string display_name, string owner_rep_id, string department_id, string? store_id, string line_key, string? contract_id,
        int? line_no, string? item, DateOnly month, decimal gross, decimal contract_gross, int shipments, decimal shipped, int sign_offs, decimal signed_off, int invoices,
        decimal invoiced, int rebates, int payments, decimal paid, decimal due_so_far)
    {
        public MatchLine ToLine(decimal tolerance)
        {
            // A contract line owes its share of what the contract's instalments have made due.
            var due = line_no is null ? due_so_far : ContractLines.DueShare(due_so_far, gross, contract_gross);
            var facts = new MatchLineFacts(contract_id, gross, shipments, shipped, sign_offs, signed_off, invoices, invoiced, rebates, payments, paid, due);
            return new MatchLine(customer_id, display_name, month, line_kind, line_key, facts, ThreeWayMatch.Judge(facts, tolerance))
            {
                Owner = new CustomerOwnership(owner_rep_id, department_id, store_id),
                LineNo = line_no,
                Item = item,
            };
        }
    }
#pragma warning restore IDE1006, CA1707
}
