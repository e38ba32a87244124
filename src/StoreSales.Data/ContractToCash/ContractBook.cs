using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.ContractToCash;

/// <summary>
/// Signed contracts and their receivable plans (docs/domain.md "Contract to cash"). A contract is kept once by its
/// number, with its plan (<see cref="ReceivablePlan"/>) in the same transaction; the same contract again adds nothing,
/// the same number with other figures is refused. A contract signed from an opportunity names it: the opportunity must
/// be the customer's and have reached the contract stage (or a later one), and gives one contract only.
/// </summary>
public sealed class ContractBook(NpgsqlDataSource dataSource, IOptions<ContractToCashOptions> options, IOptions<OpportunityOptions> opportunities, TimeProvider clock)
{
    public async Task<ContractKept> Keep(ContractDraft draft, string recordedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var kept = await Keep(connection, transaction, draft, recordedBy, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return kept;
    }

    public async Task<ContractKept> Keep(NpgsqlConnection connection, NpgsqlTransaction transaction, ContractDraft draft, string recordedBy, CancellationToken cancellationToken)
    {
        if (await ContractSql.CustomerRefusal(connection, transaction, draft.CustomerId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var parameters = new
        {
            draft.ContractId, draft.CustomerId, draft.OpportunityId, draft.Title, draft.Currency, draft.Money.Net, draft.TaxRate, draft.Money.Tax, draft.Money.Gross,
            draft.PaymentTerms, signedOn = draft.SignedOn.ToDateTime(TimeOnly.MinValue), recordedBy, now = LedgerTime.Now(clock),
        };
        var existing = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            """
            SELECT customer_id = @CustomerId AND opportunity_id IS NOT DISTINCT FROM @OpportunityId AND net = @Net AND tax_rate = @TaxRate
                   AND currency = @Currency AND payment_terms = @PaymentTerms AND signed_on = @signedOn
            FROM contract WHERE contract_id = @ContractId
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        if (existing is { } same)
        {
            return same && await SameLines(connection, transaction, draft, cancellationToken) ? ContractKept.AlreadyRecorded : ContractKept.ChangedFigures;
        }

        if (draft.OpportunityId is { } opportunityId && await OpportunityRefusal(connection, transaction, draft.CustomerId, opportunityId, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO contract (contract_id, customer_id, opportunity_id, title, currency, net, tax_rate, tax, gross, payment_terms, signed_on, recorded_by, recorded_at)
            VALUES (@ContractId, @CustomerId, @OpportunityId, @Title, @Currency, @Net, @TaxRate, @Tax, @Gross, @PaymentTerms, @signedOn, @recordedBy, @now)
            ON CONFLICT DO NOTHING
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // Another request kept the same number or signed the same opportunity at this very moment.
            return ContractKept.ChangedFigures;
        }

        var plan = ReceivablePlan.Of(draft.Money, options.Value.TermsOf(draft.PaymentTerms)!, draft.SignedOn, null);
        foreach (var instalment in plan)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO contract_instalment (contract_id, seq, percent, anchor, days, due_on, net, tax, gross)
                VALUES (@contractId, @Seq, @Percent, @anchor, @Days, @due, @Net, @Tax, @Gross)
                """,
                new
                {
                    contractId = draft.ContractId, instalment.Seq, instalment.Percent, anchor = ContractSql.AnchorName(instalment.Anchor), instalment.Days,
                    due = ContractSql.Date(instalment.DueOn), instalment.Net, instalment.Tax, instalment.Gross,
                },
                transaction, cancellationToken: cancellationToken));
        }

        foreach (var line in draft.Lines)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO contract_line (contract_id, line_no, item, description, quantity, unit_price, net, tax, gross)
                VALUES (@contractId, @LineNo, @Item, @Description, @Quantity, @UnitPrice, @Net, @Tax, @Gross)
                """,
                new { contractId = draft.ContractId, line.LineNo, line.Item, line.Description, line.Quantity, line.UnitPrice, line.Net, line.Tax, line.Gross },
                transaction, cancellationToken: cancellationToken));
        }

        return ContractKept.Recorded;
    }

    /// <summary>Whether the contract is kept with exactly these lines (none for none): a copy with other lines is other figures.</summary>
    private static async Task<bool> SameLines(NpgsqlConnection connection, NpgsqlTransaction transaction, ContractDraft draft, CancellationToken cancellationToken)
    {
        var kept = (await connection.QueryAsync<(int, string, string?, decimal, decimal, decimal)>(new CommandDefinition(
            "SELECT line_no, item, description, quantity, unit_price, net FROM contract_line WHERE contract_id = @ContractId ORDER BY line_no",
            new { draft.ContractId }, transaction, cancellationToken: cancellationToken))).ToList();
        return kept.SequenceEqual(draft.Lines.Select(l => (l.LineNo, l.Item, l.Description, l.Quantity, l.UnitPrice, l.Net)));
    }

    /// <summary>What an opportunity gives a contract signed from it: its customer, amount (the net) and title; null when unknown.</summary>
    public async Task<OpportunityTerms?> OpportunityOf(string opportunityId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OpportunityTerms>(new CommandDefinition(
            "SELECT customer_id AS CustomerId, amount AS Amount, title AS Title FROM opportunity WHERE opportunity_id = @opportunityId",
            new { opportunityId }, cancellationToken: cancellationToken));
    }

    private async Task<ContractKept?> OpportunityRefusal(NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, string opportunityId, CancellationToken cancellationToken)
    {
        var found = await connection.QuerySingleOrDefaultAsync<OpportunityRow>(new CommandDefinition(
            """
            SELECT o.product_line, o.stage, o.outcome, EXISTS (SELECT 1 FROM contract c WHERE c.opportunity_id = o.opportunity_id) AS taken
            FROM opportunity o WHERE o.opportunity_id = @opportunityId AND o.customer_id = @customerId
            FOR UPDATE OF o
            """,
            new { opportunityId, customerId }, transaction, cancellationToken: cancellationToken));
        if (found is null)
        {
            return ContractKept.UnknownOpportunity;
        }

        if (found.taken)
        {
            return ContractKept.OpportunityHasContract;
        }

        var path = opportunities.Value.PathOf(found.product_line);
        var reached = found.outcome == "won" || path.Find(found.stage)?.Index >= path.Find(opportunities.Value.ContractStage)?.Index;
        return reached ? null : ContractKept.OpportunityNotAtContract;
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record OpportunityRow(string product_line, string stage, string? outcome, bool taken);
#pragma warning restore IDE1006, CA1707
}

/// <summary>What an opportunity gives the contract signed from it.</summary>
public sealed record OpportunityTerms(string CustomerId, decimal Amount, string Title);
