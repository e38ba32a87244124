using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.Credit;

namespace StoreSales.Data.Credit;

/// <summary>
/// Reads <see cref="CreditFacts"/> for one customer, on its own connection (the credit panel) or in the caller's
/// transaction (an order being placed, after it locked the customer). An order counts as not yet invoiced while it is
/// held, accepted or released and no receivable names it.
/// </summary>
public sealed class CreditFactsReader(NpgsqlDataSource dataSource, IOptions<CreditOptions> options)
{
    public async Task<CreditFacts> Read(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Read(connection, null, customerId, cancellationToken);
    }

    public async Task<CreditFacts> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, CancellationToken cancellationToken)
    {
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT credit_limit FROM customer_credit WHERE customer_id = @customerId;
            SELECT document_no, amount, due_on FROM receivable WHERE customer_id = @customerId ORDER BY due_on, document_no;
            SELECT document_no, amount, paid_at, applied_to FROM payment WHERE customer_id = @customerId ORDER BY paid_at, document_no;
            SELECT coalesce(sum(o.amount), 0) FROM sales_order o
            WHERE o.customer_id = @customerId AND o.status IN ('held', 'accepted', 'released')
              AND NOT EXISTS (SELECT 1 FROM receivable r WHERE r.order_id = o.order_id);
            """,
            new { customerId },
            transaction,
            cancellationToken: cancellationToken));
        var limit = await grid.ReadSingleOrDefaultAsync<decimal?>();
        var receivables = (await grid.ReadAsync<ReceivableRow>()).Select(r => new ReceivableLine(r.document_no, r.amount, r.due_on)).ToList();
        var payments = (await grid.ReadAsync<PaymentRow>()).ToList();
        var outstanding = await grid.ReadSingleAsync<decimal>();
        return new CreditFacts(
            limit,
            receivables,
            [.. payments.Select(p => new PaymentLine(p.document_no, p.amount, p.applied_to))],
            outstanding,
            [.. payments.AsEnumerable().Reverse().Take(options.Value.RecentPayments).Select(p => new PaymentRecord(p.document_no, p.amount, LedgerTime.Utc(p.paid_at), p.applied_to))]);
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record ReceivableRow(string document_no, decimal amount, DateOnly due_on);

    private sealed record PaymentRow(string document_no, decimal amount, DateTime paid_at, string? applied_to);
#pragma warning restore IDE1006, CA1707
}
