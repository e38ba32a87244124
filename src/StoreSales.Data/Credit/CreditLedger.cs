using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.Credit;

namespace StoreSales.Data.Credit;

/// <summary>
/// Finance's side of credit (docs/domain.md "Credit hold"): the limit of a B2B customer, and the receivables and
/// payments from the ERP, each kept once by its document number. Sending a document again with the same figures adds
/// nothing; the same number with other figures is refused (<see cref="DocumentKept.ChangedFigures"/>), never overwritten.
/// </summary>
public sealed class CreditLedger(NpgsqlDataSource dataSource, IOptions<CreditOptions> options, TimeProvider clock)
{
    public async Task<DocumentKept> SetLimit(string customerId, decimal limit, string setBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await CustomerKind(connection, null, customerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer_credit (customer_id, credit_limit, currency, set_by, set_at) VALUES (@customerId, @limit, @currency, @setBy, @now)
            ON CONFLICT (customer_id) DO UPDATE SET credit_limit = EXCLUDED.credit_limit, currency = EXCLUDED.currency,
                                                    set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
            """,
            new { customerId, limit, currency = options.Value.Currency, setBy, now = LedgerTime.Now(clock) },
            cancellationToken: cancellationToken));
        return DocumentKept.Recorded;
    }

    public async Task<DocumentKept> Keep(Receivable receivable, string recordedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Keep(connection, null, receivable, recordedBy, cancellationToken);
    }

    public async Task<DocumentKept> Keep(Payment payment, string recordedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Keep(connection, null, payment, recordedBy, cancellationToken);
    }

    /// <summary>Keeps a receivable on the caller's connection (an import keeps a whole file in one transaction when asked to stop at the first bad row).</summary>
    public async Task<DocumentKept> Keep(NpgsqlConnection connection, NpgsqlTransaction? transaction, Receivable receivable, string recordedBy, CancellationToken cancellationToken)
    {
        if (await CustomerKind(connection, transaction, receivable.CustomerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO receivable (document_no, customer_id, amount, currency, issued_on, due_on, order_id, recorded_by, recorded_at)
            VALUES (@DocumentNo, @CustomerId, @Amount, @Currency, @issued, @due, @OrderId, @recordedBy, @now)
            ON CONFLICT (document_no) DO NOTHING
            """,
            new
            {
                receivable.DocumentNo, receivable.CustomerId, receivable.Amount, receivable.Currency, receivable.OrderId,
                issued = receivable.IssuedOn.ToDateTime(TimeOnly.MinValue), due = receivable.DueOn.ToDateTime(TimeOnly.MinValue),
                recordedBy, now = LedgerTime.Now(clock),
            },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            return DocumentKept.Recorded;
        }

        var same = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT customer_id = @CustomerId AND amount = @Amount AND currency = @Currency AND issued_on = @issued AND due_on = @due
                   AND order_id IS NOT DISTINCT FROM @OrderId
            FROM receivable WHERE document_no = @DocumentNo
            """,
            new
            {
                receivable.DocumentNo, receivable.CustomerId, receivable.Amount, receivable.Currency, receivable.OrderId,
                issued = receivable.IssuedOn.ToDateTime(TimeOnly.MinValue), due = receivable.DueOn.ToDateTime(TimeOnly.MinValue),
            },
            transaction,
            cancellationToken: cancellationToken));
        return same ? DocumentKept.AlreadyRecorded : DocumentKept.ChangedFigures;
    }

    public async Task<DocumentKept> Keep(NpgsqlConnection connection, NpgsqlTransaction? transaction, Payment payment, string recordedBy, CancellationToken cancellationToken)
    {
        if (await CustomerKind(connection, transaction, payment.CustomerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (payment.AppliedTo is { } target && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM receivable WHERE document_no = @target AND customer_id = @CustomerId)",
                new { target, payment.CustomerId }, transaction, cancellationToken: cancellationToken)))
        {
            return DocumentKept.UnknownReceivable;
        }

        var parameters = new
        {
            payment.DocumentNo, payment.CustomerId, payment.Amount, payment.Currency, paidAt = payment.PaidAt.UtcDateTime, payment.AppliedTo,
            recordedBy, now = LedgerTime.Now(clock),
        };
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO payment (document_no, customer_id, amount, currency, paid_at, applied_to, recorded_by, recorded_at)
            VALUES (@DocumentNo, @CustomerId, @Amount, @Currency, @paidAt, @AppliedTo, @recordedBy, @now)
            ON CONFLICT (document_no) DO NOTHING
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            return DocumentKept.Recorded;
        }

        var same = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT customer_id = @CustomerId AND amount = @Amount AND currency = @Currency AND paid_at = @paidAt
                   AND applied_to IS NOT DISTINCT FROM @AppliedTo
            FROM payment WHERE document_no = @DocumentNo
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken));
        return same ? DocumentKept.AlreadyRecorded : DocumentKept.ChangedFigures;
    }

    /// <summary>Null when the customer is a B2B account; else why credit cannot be kept for it.</summary>
    private static async Task<DocumentKept?> CustomerKind(NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, CancellationToken cancellationToken)
    {
        var kind = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT kind FROM customer WHERE customer_id = @customerId AND merged_into IS NULL",
            new { customerId }, transaction, cancellationToken: cancellationToken));
        return kind switch
        {
            null => DocumentKept.UnknownCustomer,
            "account" => null,
            _ => DocumentKept.NotAnAccount,
        };
    }
}
