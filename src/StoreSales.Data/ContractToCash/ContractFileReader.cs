using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.ContractToCash;

/// <summary>
/// Reads contracts with their plan and documents (the customer's contracts page, the board's drill-down), and a
/// document that reaches no contract. An instalment's <c>Overdue</c> is <see cref="InstalmentOverdue"/> at the clock's
/// now in the customer's time zone (its owner rep's store's, else the chain's).
/// </summary>
public sealed class ContractFileReader(NpgsqlDataSource dataSource, IOptions<ContractToCashOptions> options, IOptions<ChainCalendarOptions> calendar, TimeProvider clock)
{
    private const string Documents = """
        SELECT 'shipment' AS kind, document_no, customer_id, contract_id, amount, shipped_on AS on_date, NULL::date AS due_on, NULL::timestamptz AS paid_at,
               NULL AS purpose, NULL AS shipment_no, NULL AS applied_to, line_no
        FROM shipment WHERE contract_id = ANY (@ids)
        UNION ALL
        SELECT 'sign-off', document_no, customer_id, contract_id, amount, signed_on, NULL, NULL, NULL, shipment_no, NULL, line_no FROM sign_off WHERE contract_id = ANY (@ids)
        UNION ALL
        SELECT 'invoice', document_no, customer_id, contract_id, amount, issued_on, due_on, NULL, purpose, NULL, NULL, line_no FROM receivable WHERE contract_id = ANY (@ids)
        UNION ALL
        SELECT 'payment', p.document_no, p.customer_id, coalesce(p.contract_id, r.contract_id), p.amount, NULL, NULL, p.paid_at, NULL, NULL, p.applied_to,
               CASE WHEN p.contract_id IS NULL THEN r.line_no ELSE p.line_no END
        FROM payment p LEFT JOIN receivable r ON r.document_no = p.applied_to WHERE coalesce(p.contract_id, r.contract_id) = ANY (@ids)
        """;

    /// <summary>The customer's contracts, newest signed first.</summary>
    public async Task<IReadOnlyList<ContractRecord>> ForCustomer(string customerId, CancellationToken cancellationToken) =>
        await Read("k.customer_id = @key", customerId, cancellationToken);

    public async Task<ContractRecord?> Find(string contractId, CancellationToken cancellationToken) =>
        (await Read("k.contract_id = @key", contractId, cancellationToken)).SingleOrDefault();

    /// <summary>An invoice or payment that reaches no contract (a board line of its own), or null.</summary>
    public async Task<ContractDocumentRecord?> Unlinked(string kind, string documentNo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = kind == "invoice"
            ? """
              SELECT 'invoice' AS kind, document_no, customer_id, contract_id, amount, issued_on AS on_date, due_on, NULL::timestamptz AS paid_at, purpose,
                     NULL AS shipment_no, NULL AS applied_to, NULL::int AS line_no
              FROM receivable WHERE document_no = @documentNo AND contract_id IS NULL
              """
            : """
              SELECT 'payment' AS kind, p.document_no, p.customer_id, NULL AS contract_id, p.amount, NULL::date AS on_date, NULL::date AS due_on, p.paid_at,
                     NULL AS purpose, NULL AS shipment_no, p.applied_to, NULL::int AS line_no
              FROM payment p LEFT JOIN receivable r ON r.document_no = p.applied_to
              WHERE p.document_no = @documentNo AND p.contract_id IS NULL AND r.contract_id IS NULL
              """;
        return (await connection.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(sql, new { documentNo }, cancellationToken: cancellationToken)))?.ToRecord();
    }

    private async Task<IReadOnlyList<ContractRecord>> Read(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var contracts = (await connection.QueryAsync<ContractRow>(new CommandDefinition(
            $"""
            SELECT k.contract_id, k.customer_id, c.display_name, c.owner_rep_id, c.department_id, r.store_id, k.opportunity_id, k.title, k.currency, k.net, k.tax_rate,
                   k.tax, k.gross, k.payment_terms, k.signed_on, k.first_shipped_on, coalesce(st.time_zone, @zone) AS zone
            FROM contract k JOIN customer c ON c.customer_id = k.customer_id
                 LEFT JOIN rep r ON r.rep_id = c.owner_rep_id LEFT JOIN store st ON st.store_id = r.store_id
            WHERE {where}
            ORDER BY k.signed_on DESC, k.contract_id
            """,
            new { key, zone = calendar.Value.TimeZone }, cancellationToken: cancellationToken))).ToList();
        if (contracts.Count == 0)
        {
            return [];
        }

        var ids = contracts.Select(c => c.contract_id).ToArray();
        var instalments = (await connection.QueryAsync<InstalmentRow>(new CommandDefinition(
            "SELECT contract_id, seq, percent, anchor, days, due_on, net, tax, gross, overdue_raised_at FROM contract_instalment WHERE contract_id = ANY (@ids) ORDER BY contract_id, seq",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(i => i.contract_id);
        var lines = (await connection.QueryAsync<LineRow>(new CommandDefinition(
            "SELECT contract_id, line_no, item, description, quantity, unit_price, net, tax, gross FROM contract_line WHERE contract_id = ANY (@ids) ORDER BY contract_id, line_no",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(l => l.contract_id);
        var documents = (await connection.QueryAsync<DocumentRow>(new CommandDefinition(Documents, new { ids }, cancellationToken: cancellationToken)))
            .Select(d => d.ToRecord()).ToLookup(d => d.ContractId);
        var now = clock.GetUtcNow();
        return [.. contracts.Select(c =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(c.zone);
            var plan = instalments[c.contract_id].ToList();
            var paid = documents[c.contract_id].Where(d => d.Kind == "payment").Sum(d => d.Amount);
            var standings = InstalmentOverdue.Settle([.. plan.Select(i => new InstalmentDue(i.seq, i.due_on, i.gross))], paid);
            return new ContractRecord(
                c.contract_id, c.customer_id, c.display_name, c.owner_rep_id, c.department_id, c.store_id, c.opportunity_id, c.title, c.currency, c.net, c.tax_rate, c.tax,
                c.gross, c.payment_terms, c.signed_on, c.first_shipped_on,
                [.. plan.Zip(standings, (i, s) => new InstalmentRecord(
                    i.seq, i.percent, ContractSql.Anchor(i.anchor), i.days, s.DueOn, i.net, i.tax, i.gross, s.Paid,
                    !s.Settled && InstalmentOverdue.IsOverdue(s.DueOn, now, zone, options.Value.OverdueAfterDays),
                    i.overdue_raised_at is { } raised ? LedgerTime.Utc(raised) : null))],
                [.. documents[c.contract_id].OrderBy(d => d.Kind switch { "shipment" => 0, "sign-off" => 1, "invoice" => 2, _ => 3 }).ThenBy(d => d.DocumentNo, StringComparer.Ordinal)])
            {
                Lines = [.. lines[c.contract_id].Select(l => new ContractLineRecord(l.line_no, l.item, l.description, l.quantity, l.unit_price, l.net, l.tax, l.gross))],
            };
        })];
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record ContractRow(
        string contract_id, string customer_id, string display_name, string owner_rep_id, string department_id, string? store_id, string? opportunity_id, string title,
        string currency, decimal net, decimal tax_rate, decimal tax, decimal gross, string payment_terms, DateOnly signed_on, DateOnly? first_shipped_on, string zone);

    private sealed record InstalmentRow(
        string contract_id, int seq, decimal percent, string anchor, int days, DateOnly? due_on, decimal net, decimal tax, decimal gross, DateTime? overdue_raised_at);

    private sealed record LineRow(string contract_id, int line_no, string item, string? description, decimal quantity, decimal unit_price, decimal net, decimal tax, decimal gross);

    private sealed record DocumentRow(
        string kind, string document_no, string customer_id, string? contract_id, decimal amount, DateOnly? on_date, DateOnly? due_on, DateTime? paid_at, string? purpose,
        string? shipment_no, string? applied_to, int? line_no)
    {
        public ContractDocumentRecord ToRecord() => new(
            kind, document_no, customer_id, contract_id, amount, on_date, due_on, paid_at is { } p ? LedgerTime.Utc(p) : null, purpose, shipment_no, applied_to)
        {
            LineNo = line_no,
        };
    }
#pragma warning restore IDE1006, CA1707
}
