using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.Approvals;
using StoreSales.Data.Approvals;
using StoreSales.Data.Credit;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.Demo;

/// <summary>
/// The demo's credit hold (docs/domain.md "Credit hold"): one B2B customer of the first store's B2B reps over its limit,
/// with ¥186,400 of receivables overdue, its payment history, and an order held for finance's release. Through the real
/// ledger and order book, so every document and the order are idempotent: seeding again adds nothing. The held order's
/// <c>credit-hold</c> alert is raised once the cluster runs, through the same <see cref="CreditHoldAlerts"/> a live hold
/// uses (the silo's <c>DemoCreditHoldAlert</c>), from what this returns.
/// </summary>
public sealed class DemoCredit(NpgsqlDataSource dataSource, CreditOptions credit, OrderOptions orders, ApprovalOptions approvalOptions, ChainCalendarOptions calendar)
{
    public const string HeldOrderId = "SO-DEMO-0001";

    /// <summary>The customer given the credit story and its held order, or null when the store has no active B2B customer.</summary>
    public async Task<DemoCreditHold?> Seed(string storeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QueryFirstOrDefaultAsync<CustomerRow>(new CommandDefinition(
            """
            SELECT c.customer_id, c.owner_rep_id FROM customer c JOIN rep r ON r.rep_id = c.owner_rep_id
            WHERE r.store_id = @storeId AND c.kind = 'account' AND c.merged_into IS NULL
              AND NOT EXISTS (SELECT 1 FROM pool_entry p WHERE p.customer_id = c.customer_id AND p.claimed_at IS NULL)
              AND EXISTS (SELECT 1 FROM interaction i WHERE i.customer_id = c.customer_id AND i.at > @recent)
            ORDER BY c.customer_id LIMIT 1
            """,
            new { storeId, recent = now.AddDays(-20).UtcDateTime },
            cancellationToken: cancellationToken));
        if (found is null)
        {
            return null;
        }

        var clock = TimeProvider.System;
        var creditOptions = Options.Create(credit);
        var ledger = new CreditLedger(dataSource, creditOptions, clock);
        var today = ChainCalendar.DateOf(now, calendar.Zone());
        const string by = "demo-erp";
        await ledger.SetLimit(found.customer_id, 300_000m, by, cancellationToken);
        Receivable[] receivables =
        [
            new("AR-DEMO-0000", found.customer_id, 80_000m, credit.Currency, today.AddDays(-100), today.AddDays(-70), null),
            new("AR-DEMO-0001", found.customer_id, 120_000m, credit.Currency, today.AddDays(-75), today.AddDays(-45), null),
            new("AR-DEMO-0002", found.customer_id, 126_400m, credit.Currency, today.AddDays(-40), today.AddDays(-10), null),
            new("AR-DEMO-0003", found.customer_id, 150_000m, credit.Currency, today.AddDays(-10), today.AddDays(20), null),
        ];
        foreach (var receivable in receivables)
        {
            await ledger.Keep(receivable, by, cancellationToken);
        }

        Payment[] payments =
        [
            new("PAY-DEMO-0001", found.customer_id, 80_000m, credit.Currency, now.AddDays(-68), "AR-DEMO-0000"),
            new("PAY-DEMO-0002", found.customer_id, 60_000m, credit.Currency, now.AddDays(-40), "AR-DEMO-0001"),
        ];
        foreach (var payment in payments)
        {
            await ledger.Keep(payment, by, cancellationToken);
        }

        var approvals = new ApprovalBook(dataSource, [], clock, Options.Create(approvalOptions), NullLogger<ApprovalBook>.Instance);
        var book = new OrderBook(dataSource, new CreditFactsReader(dataSource, creditOptions), approvals, creditOptions, Options.Create(orders), Options.Create(calendar), clock);
        var placed = await book.Place(new OrderDraft(HeldOrderId, found.customer_id, [new OrderLine("DEMO-INFUSION-PUMP", 4, 12_000m)]), found.owner_rep_id, cancellationToken);
        return placed is OrderPlacement.Placed { Order.Check.Held: true } held
            ? new DemoCreditHold(found.customer_id, storeId, held.Order, held.RecentPayments)
            : new DemoCreditHold(found.customer_id, storeId, null, []);
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record CustomerRow(string customer_id, string owner_rep_id);
#pragma warning restore IDE1006, CA1707
}

/// <summary>The demo's credit customer, the store of its owner rep, and its held order (null if the order is no longer held) with the payments shown with it.</summary>
public sealed record DemoCreditHold(string CustomerId, string StoreId, OrderRecord? HeldOrder, IReadOnlyList<PaymentRecord> RecentPayments);
