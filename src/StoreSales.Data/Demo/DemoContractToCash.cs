using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.ContractToCash;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Demo;

/// <summary>
/// The demo's three-way match (docs/domain.md "Contract to cash", "Demo"): one B2B customer of the first store (not the
/// credit-hold one) with contracts signed on the first of this month — a green line, two yellow (payment missing on a
/// prepaid contract, sign-off missing), a red (the invoice differs from the shipment) — and each classic failure: a
/// contract invoiced but not shipped, a payment with no contract, a rebate settlement booked as a receivable — and a
/// contract with three lines (pumps, infusion sets, installation), one green, one yellow (not signed for), one red (the
/// invoice differs from the line's shipment), each matched against its own documents. Kept
/// through the real contract book and ledger under the API's rules, so seeding again adds nothing.
/// </summary>
public sealed class DemoContractToCash(NpgsqlDataSource dataSource, ContractToCashOptions options, CreditOptions credit, OpportunityOptions opportunities, ChainCalendarOptions calendar)
{
    public const string Green = "CT-DEMO-GREEN";
    public const string AwaitingPayment = "CT-DEMO-PREPAID";
    public const string AwaitingSignOff = "CT-DEMO-SIGNOFF";
    public const string InvoiceDiffers = "CT-DEMO-DIFFERS";
    public const string InvoicedNotShipped = "CT-DEMO-NOSHIP";
    public const string PaidWithoutContract = "PAY-DEMO-NOCONTRACT";
    public const string RebateAsReceivable = "AR-DEMO-REBATE";
    public const string Lined = "CT-DEMO-LINES";

    private const string By = "demo-erp";

    /// <summary>The customer given the story, or null when the store has no other active B2B customer.</summary>
    public async Task<string?> Seed(string storeId, string? besides, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? customerId;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            customerId = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
                """
                SELECT c.customer_id FROM customer c JOIN rep r ON r.rep_id = c.owner_rep_id
                WHERE r.store_id = @storeId AND c.kind = 'account' AND c.merged_into IS NULL AND c.customer_id IS DISTINCT FROM @besides
                  AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at IS NULL)
                ORDER BY c.customer_id LIMIT 1
                """,
                new { storeId, besides },
                cancellationToken: cancellationToken));
        }

        if (customerId is not null)
        {
            await SeedFor(customerId, now, cancellationToken);
        }

        return customerId;
    }

    /// <summary>The story for the given account (the browser tests give it one of their own; numbers are the demo's, so once per database).</summary>
    public async Task SeedFor(string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var contracts = new ContractBook(dataSource, Options.Create(options), Options.Create(opportunities), clock);
        var ledger = new ContractLedger(dataSource, clock);
        var today = ChainCalendar.DateOf(now, calendar.Zone());
        var signed = new DateOnly(today.Year, today.Month, 1);
        var due = signed.AddDays(60);

        foreach (var (id, net, terms) in new[]
                 {
                     (Green, 100_000m, "net60"), (AwaitingPayment, 10_000m, "prepaid"), (AwaitingSignOff, 50_000m, "net60"),
                     (InvoiceDiffers, 20_000m, "net60"), (InvoicedNotShipped, 30_000m, "net60"),
                 })
        {
            var check = ContractRules.CheckContract(id, customerId, null, null, net, null, null, terms, signed, options, credit);
            await contracts.Keep(check.Document!, By, cancellationToken);
        }

        var lined = ContractRules.CheckContract(
            Lined, customerId, null, "Infusion pumps with sets and installation", null, null, null, "net60", signed, options, credit,
            [
                new ContractLineInput("PUMP-A200", "Infusion pump A200", 4, 12_500m, null),
                new ContractLineInput("SET-B10", "Infusion set, box of 10", 200, 150m, null),
                new ContractLineInput("SVC-INSTALL", "Installation and training", 1, 20_000m, null),
            ]);
        await contracts.Keep(lined.Document!, By, cancellationToken);

        // Gross = net × 1.13 (the default VAT): 113,000 · 11,300 · 56,500 · 22,600 · 33,900.
        (ContractDocumentKind Kind, string No, string? Contract, decimal Amount, string Purpose)[] documents =
        [
            (ContractDocumentKind.Shipment, "SH-DEMO-GREEN", Green, 113_000m, ReceivablePurposes.Sale),
            (ContractDocumentKind.SignOff, "QS-DEMO-GREEN", Green, 113_000m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Invoice, "AR-DEMO-GREEN", Green, 113_000m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Shipment, "SH-DEMO-PREPAID", AwaitingPayment, 11_300m, ReceivablePurposes.Sale),
            (ContractDocumentKind.SignOff, "QS-DEMO-PREPAID", AwaitingPayment, 11_300m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Invoice, "AR-DEMO-PREPAID", AwaitingPayment, 11_300m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Shipment, "SH-DEMO-SIGNOFF", AwaitingSignOff, 56_500m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Shipment, "SH-DEMO-DIFFERS", InvoiceDiffers, 22_600m, ReceivablePurposes.Sale),
            (ContractDocumentKind.SignOff, "QS-DEMO-DIFFERS", InvoiceDiffers, 22_600m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Invoice, "AR-DEMO-DIFFERS", InvoiceDiffers, 23_600m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Invoice, "AR-DEMO-NOSHIP", InvoicedNotShipped, 33_900m, ReceivablePurposes.Sale),
            (ContractDocumentKind.Invoice, RebateAsReceivable, null, 8_000m, ReceivablePurposes.RebateSettlement),
            (ContractDocumentKind.Payment, PaidWithoutContract, null, 5_000m, ReceivablePurposes.Sale),
        ];
        // The lined contract's documents name their line: 56,500 · 33,900 · 22,600 gross; line 3 invoiced 1,000 over its shipment.
        (ContractDocumentKind Kind, string No, int Line, decimal Amount)[] lineDocuments =
        [
            (ContractDocumentKind.Shipment, "SH-DEMO-LINES-1", 1, 56_500m),
            (ContractDocumentKind.SignOff, "QS-DEMO-LINES-1", 1, 56_500m),
            (ContractDocumentKind.Invoice, "AR-DEMO-LINES-1", 1, 56_500m),
            (ContractDocumentKind.Shipment, "SH-DEMO-LINES-2", 2, 33_900m),
            (ContractDocumentKind.Shipment, "SH-DEMO-LINES-3", 3, 22_600m),
            (ContractDocumentKind.SignOff, "QS-DEMO-LINES-3", 3, 22_600m),
            (ContractDocumentKind.Invoice, "AR-DEMO-LINES-3", 3, 23_600m),
        ];
        foreach (var d in lineDocuments)
        {
            var dueOn = d.Kind == ContractDocumentKind.Invoice ? due : (DateOnly?)null;
            var purpose = d.Kind == ContractDocumentKind.Invoice ? ReceivablePurposes.Sale : null;
            var check = ContractRules.CheckDocument(d.Kind, d.No, customerId, Lined, d.Amount, null, signed, dueOn, null, null, null, purpose, now, credit, d.Line);
            await ledger.Keep(check.Document!, By, cancellationToken);
        }

        foreach (var d in documents)
        {
            var paidAt = d.Kind == ContractDocumentKind.Payment ? now.AddMinutes(-1) : (DateTimeOffset?)null;
            var dueOn = d.Kind == ContractDocumentKind.Invoice ? due : (DateOnly?)null;
            var purpose = d.Kind == ContractDocumentKind.Invoice ? d.Purpose : null;
            var check = ContractRules.CheckDocument(d.Kind, d.No, customerId, d.Contract, d.Amount, null, signed, dueOn, paidAt, null, null, purpose, now, credit);
            await ledger.Keep(check.Document!, By, cancellationToken);
        }
    }
}
