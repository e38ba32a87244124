using Dapper;
using Npgsql;
using StoreSales.Domain.ContractToCash;

namespace StoreSales.Data.ContractToCash;

/// <summary>
/// The documents of a contract (docs/domain.md "Contract to cash"): shipments, the customer's sign-offs, invoices (kept
/// as the credit ledger's receivables) and payments (its payments), each once by its document number. The same document
/// again adds nothing; other figures under the same number are refused, never overwritten. A receivable or payment the
/// credit import kept without a contract is linked to the contract a later copy names (once: another contract is
/// refused). A shipment moves the contract's first shipment and with it the due dates of shipment-anchored instalments.
/// </summary>
public sealed class ContractLedger(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<ContractKept> Keep(ContractDocument document, string recordedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var kept = await Keep(connection, transaction, document, recordedBy, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return kept;
    }

    public async Task<ContractKept> Keep(NpgsqlConnection connection, NpgsqlTransaction? transaction, ContractDocument document, string recordedBy, CancellationToken cancellationToken)
    {
        if (await ContractSql.CustomerRefusal(connection, transaction, document.CustomerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (document.ContractId is { } contractId && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM contract WHERE contract_id = @contractId AND customer_id = @CustomerId)",
                new { contractId, document.CustomerId }, transaction, cancellationToken: cancellationToken)))
        {
            return ContractKept.UnknownContract;
        }

        if (document.LineNo is { } lineNo && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM contract_line WHERE contract_id = @ContractId AND line_no = @lineNo)",
                new { document.ContractId, lineNo }, transaction, cancellationToken: cancellationToken)))
        {
            return ContractKept.UnknownLine;
        }

        var p = new
        {
            document.DocumentNo, document.CustomerId, document.ContractId, document.Amount, document.Currency, on = ContractSql.Date(document.On),
            due = ContractSql.Date(document.DueOn), paidAt = document.PaidAt?.UtcDateTime, document.AppliedTo, document.ShipmentNo, document.Purpose,
            document.LineNo, recordedBy, now = LedgerTime.Now(clock),
        };
        return document.Kind switch
        {
            ContractDocumentKind.Shipment => await KeepShipment(connection, transaction, p, cancellationToken),
            ContractDocumentKind.SignOff => await KeepSignOff(connection, transaction, document, p, cancellationToken),
            ContractDocumentKind.Invoice => await KeepLinkable(
                connection, transaction, p, document.ContractId,
                """
                INSERT INTO receivable (document_no, customer_id, amount, currency, issued_on, due_on, contract_id, line_no, purpose, recorded_by, recorded_at)
                VALUES (@DocumentNo, @CustomerId, @Amount, @Currency, @on, @due, @ContractId, @LineNo, @Purpose, @recordedBy, @now)
                ON CONFLICT (document_no) DO NOTHING
                """,
                """
                SELECT customer_id = @CustomerId AND amount = @Amount AND currency = @Currency AND issued_on = @on AND due_on = @due AND purpose = @Purpose
                       AND (contract_id IS NULL OR line_no IS NOT DISTINCT FROM @LineNo),
                       contract_id
                FROM receivable WHERE document_no = @DocumentNo
                """,
                "UPDATE receivable SET contract_id = @ContractId, line_no = @LineNo WHERE document_no = @DocumentNo AND contract_id IS NULL",
                cancellationToken),
            _ => await KeepPayment(connection, transaction, document, p, cancellationToken),
        };
    }

    private static async Task<ContractKept> KeepShipment(NpgsqlConnection connection, NpgsqlTransaction? transaction, object p, CancellationToken cancellationToken)
    {
        var kept = await InsertOrCompare(
            connection, transaction, p,
            """
            INSERT INTO shipment (document_no, customer_id, contract_id, line_no, amount, currency, shipped_on, recorded_by, recorded_at)
            VALUES (@DocumentNo, @CustomerId, @ContractId, @LineNo, @Amount, @Currency, @on, @recordedBy, @now)
            ON CONFLICT (document_no) DO NOTHING
            """,
            """
            SELECT customer_id = @CustomerId AND contract_id = @ContractId AND line_no IS NOT DISTINCT FROM @LineNo AND amount = @Amount AND currency = @Currency
                   AND shipped_on = @on
            FROM shipment WHERE document_no = @DocumentNo
            """,
            cancellationToken);
        if (kept == ContractKept.Recorded)
        {
            // The earliest shipment dates the shipment-anchored instalments (a late-keyed earlier shipment moves them back).
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE contract SET first_shipped_on = (SELECT min(shipped_on) FROM shipment WHERE contract_id = @ContractId) WHERE contract_id = @ContractId;
                UPDATE contract_instalment i SET due_on = c.first_shipped_on + i.days
                FROM contract c WHERE c.contract_id = i.contract_id AND i.contract_id = @ContractId AND i.anchor = 'shipment';
                """,
                p, transaction, cancellationToken: cancellationToken));
        }

        return kept;
    }

    private static async Task<ContractKept> KeepSignOff(NpgsqlConnection connection, NpgsqlTransaction? transaction, ContractDocument document, object p, CancellationToken cancellationToken)
    {
        if (document.ShipmentNo is { } shipmentNo && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM shipment WHERE document_no = @shipmentNo AND contract_id = @contractId)",
                new { shipmentNo, contractId = document.ContractId }, transaction, cancellationToken: cancellationToken)))
        {
            return ContractKept.UnknownShipment;
        }

        return await InsertOrCompare(
            connection, transaction, p,
            """
            INSERT INTO sign_off (document_no, customer_id, contract_id, line_no, shipment_no, amount, currency, signed_on, recorded_by, recorded_at)
            VALUES (@DocumentNo, @CustomerId, @ContractId, @LineNo, @ShipmentNo, @Amount, @Currency, @on, @recordedBy, @now)
            ON CONFLICT (document_no) DO NOTHING
            """,
            """
            SELECT customer_id = @CustomerId AND contract_id = @ContractId AND line_no IS NOT DISTINCT FROM @LineNo
                   AND shipment_no IS NOT DISTINCT FROM @ShipmentNo AND amount = @Amount
                   AND currency = @Currency AND signed_on = @on
            FROM sign_off WHERE document_no = @DocumentNo
            """,
            cancellationToken);
    }

    private static async Task<ContractKept> KeepPayment(NpgsqlConnection connection, NpgsqlTransaction? transaction, ContractDocument document, object p, CancellationToken cancellationToken)
    {
        if (document.AppliedTo is { } target && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM receivable WHERE document_no = @target AND customer_id = @CustomerId)",
                new { target, document.CustomerId }, transaction, cancellationToken: cancellationToken)))
        {
            return ContractKept.UnknownReceivable;
        }

        return await KeepLinkable(
            connection, transaction, p, document.ContractId,
            """
            INSERT INTO payment (document_no, customer_id, amount, currency, paid_at, applied_to, contract_id, line_no, recorded_by, recorded_at)
            VALUES (@DocumentNo, @CustomerId, @Amount, @Currency, @paidAt, @AppliedTo, @ContractId, @LineNo, @recordedBy, @now)
            ON CONFLICT (document_no) DO NOTHING
            """,
            """
            SELECT customer_id = @CustomerId AND amount = @Amount AND currency = @Currency AND paid_at = @paidAt AND applied_to IS NOT DISTINCT FROM @AppliedTo
                   AND (contract_id IS NULL OR line_no IS NOT DISTINCT FROM @LineNo),
                   contract_id
            FROM payment WHERE document_no = @DocumentNo
            """,
            "UPDATE payment SET contract_id = @ContractId, line_no = @LineNo WHERE document_no = @DocumentNo AND contract_id IS NULL",
            cancellationToken);
    }

    private static async Task<ContractKept> InsertOrCompare(NpgsqlConnection connection, NpgsqlTransaction? transaction, object p, string insert, string same, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteAsync(new CommandDefinition(insert, p, transaction, cancellationToken: cancellationToken)) == 1)
        {
            return ContractKept.Recorded;
        }

        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(same, p, transaction, cancellationToken: cancellationToken))
            ? ContractKept.AlreadyRecorded
            : ContractKept.ChangedFigures;
    }

    /// <summary>An invoice or payment: kept, found kept, or found kept without a contract and linked now to the one this copy names.</summary>
    private static async Task<ContractKept> KeepLinkable(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, object p, string? named, string insert, string compare, string link, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteAsync(new CommandDefinition(insert, p, transaction, cancellationToken: cancellationToken)) == 1)
        {
            return ContractKept.Recorded;
        }

        var (same, keptContract) = await connection.QuerySingleAsync<(bool, string?)>(new CommandDefinition(compare, p, transaction, cancellationToken: cancellationToken));
        if (!same || (keptContract is not null && named is not null && keptContract != named))
        {
            return ContractKept.ChangedFigures;
        }

        if (keptContract is null && named is not null)
        {
            return await connection.ExecuteAsync(new CommandDefinition(link, p, transaction, cancellationToken: cancellationToken)) == 1
                ? ContractKept.Linked
                : ContractKept.ChangedFigures;
        }

        return ContractKept.AlreadyRecorded;
    }
}
