using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Approvals;
using StoreSales.Data.Credit;
using StoreSales.Data.Demo;
using StoreSales.Domain.Access;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Credit hold on a real PostgreSQL (docs/domain.md "Credit hold"): the ERP's CSV imported idempotently by document
/// number with bad rows named by line, and a B2B order held by the credit check, released or cancelled by its approver
/// through the approvals book in the deciding transaction.
/// </summary>
public sealed class CreditDataTests : IAsyncLifetime
{
    private const string Rep = "rep-sh001-b2b-01";
    private const string Finance = "finance.user";
    private static readonly IReadOnlySet<string> FinanceRoles = new HashSet<string> { ChainRoles.Finance };

    // 10:00 in Shanghai on 5 December 2026: the chain's today is 2026-12-05.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private CreditImport _import = null!;
    private CreditLedger _ledger = null!;
    private CreditFactsReader _facts = null!;
    private OrderBook _orders = null!;
    private ApprovalBook _approvals = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("credit");
        var credit = Options.Create(new CreditOptions());
        var calendar = Options.Create(new ChainCalendarOptions());
        _ledger = new CreditLedger(_database.DataSource, credit, _clock);
        _import = new CreditImport(_database.DataSource, _ledger, credit, calendar, _clock);
        _facts = new CreditFactsReader(_database.DataSource, credit);
        _approvals = new ApprovalBook(_database.DataSource, [new OrderReleaseOutcome()], _clock, Microsoft.Extensions.Options.Options.Create(new StoreSales.Domain.Approvals.ApprovalOptions()), NullLogger<ApprovalBook>.Instance);
        _orders = new OrderBook(_database.DataSource, _facts, _approvals, credit, Options.Create(new OrderOptions()), calendar, _clock);
        await Customer("cust-acme", "account");
        await Customer("cust-member", "member");
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_receivables_file_keeps_its_good_rows_names_each_bad_row_by_line_and_a_reimport_adds_nothing()
    {
        const string file = """
            document_no,customer_id,amount,issued_on,due_on
            AR-1,cust-acme,120000.00,2026-10-01,2026-10-31
            AR-2,cust-acme,66400,2026-11-01,2026-11-30
            AR-3,cust-nobody,100,2026-11-01,2026-11-30
            AR-4,cust-acme,abc,2026-11-01,2026-11-30
            AR-5,cust-member,100,2026-11-01,2026-11-30
            "AR-6",cust-acme,"1000.50",2026-11-10,2026-11-01
            AR-7,cust-acme,2000,2026-11-10
            """;

        var first = await _import.Import(CreditDocumentKind.Receivables, Csv(file), stopOnError: false, Finance, Cancellation);
        var again = await _import.Import(CreditDocumentKind.Receivables, Csv(file), stopOnError: false, Finance, Cancellation);

        Assert.Equal((7, 2, 0), (first.Rows, first.Recorded, first.AlreadyRecorded));
        Assert.Equal(
            [(4L, "customer_id", "unknown-customer"), (5L, "amount", "invalid-amount"), (6L, "customer_id", "not-an-account"), (7L, "due_on", "invalid-due-on"), (8L, "row", "wrong-shape")],
            first.Rejected.Select(r => (r.Line, r.Field, r.Rule)));
        Assert.Equal((0, 2), (again.Recorded, again.AlreadyRecorded));
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM receivable"));
        Assert.Equal(186_400m, (await _facts.Read("cust-acme", Cancellation)).Standing(new CreditOptions()).Receivables.TotalOpen);
    }

    [Fact]
    public async Task The_same_document_number_with_another_amount_is_refused_naming_its_line_and_never_overwritten()
    {
        await _import.Import(CreditDocumentKind.Receivables, Csv("document_no,customer_id,amount,issued_on,due_on\nAR-9,cust-acme,5000,2026-11-01,2026-11-30\n"), false, Finance, Cancellation);

        var changed = await _import.Import(
            CreditDocumentKind.Receivables,
            Csv("customer_id,document_no,due_on,issued_on,amount\ncust-acme,AR-10,2026-12-30,2026-12-01,700\ncust-acme,AR-9,2026-11-30,2026-11-01,5500\n"),
            stopOnError: true,
            Finance,
            Cancellation);

        var rejected = Assert.Single(changed.Rejected);
        Assert.Equal((3L, "AR-9", "changed-figures"), (rejected.Line, rejected.DocumentNo, rejected.Rule));
        Assert.True(changed.Stopped);
        // Stopped at its first bad row, the file kept nothing: not even AR-10 before it.
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM receivable WHERE document_no = 'AR-10'"));
        Assert.Equal(5000m, await Scalar<decimal>("SELECT amount FROM receivable WHERE document_no = 'AR-9'"));
    }

    [Fact]
    public async Task A_payments_file_settles_the_receivable_it_names_and_refuses_one_of_another_customer()
    {
        await Customer("cust-other", "account");
        await Keep(new Receivable("AR-20", "cust-acme", 50_000, "CNY", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), null));
        await Keep(new Receivable("AR-21", "cust-other", 10_000, "CNY", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), null));

        var report = await _import.Import(
            CreditDocumentKind.Payments,
            Csv("document_no,customer_id,amount,paid_at,applied_to\nPAY-1,cust-acme,20000,2026-11-20 10:00,AR-20\nPAY-2,cust-acme,100,2026-11-21T10:00:00+08:00,AR-21\n"),
            false,
            Finance,
            Cancellation);

        Assert.Equal(1, report.Recorded);
        Assert.Equal((3L, "applied_to", "unknown-receivable"), (report.Rejected[0].Line, report.Rejected[0].Field, report.Rejected[0].Rule));
        var facts = await _facts.Read("cust-acme", Cancellation);
        Assert.Equal(30_000m, facts.Standing(new CreditOptions()).Receivables.TotalOpen);
        // Written without an offset, the time is the chain's (Asia/Shanghai): 02:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), Assert.Single(facts.RecentPayments).PaidAt);
    }

    [Fact]
    public async Task An_order_held_for_overdue_receivables_is_released_by_finance_and_may_then_ship()
    {
        await _ledger.SetLimit("cust-acme", 500_000, Finance, Cancellation);
        await Keep(new Receivable("AR-30", "cust-acme", 186_400, "CNY", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30), null));

        var placed = Assert.IsType<OrderPlacement.Placed>(await _orders.Place(Order("SO-1", 48_000), Rep, Cancellation));

        Assert.Equal(OrderStatuses.Held, placed.Order.Status);
        Assert.Equal("overdue receivables ¥186,400, suggest holding shipment", placed.Order.Check.Message);
        var request = await _approvals.Latest(ApprovalKinds.OrderRelease, "SO-1", Cancellation);
        Assert.Equal(placed.Order.ApprovalId, request!.ApprovalId);
        Assert.Equal([ChainRoles.Finance], request.RequiredRoles);
        Assert.Equal(("cust-acme", "dept-east-b2b", "region-east"), (request.CustomerId, request.DepartmentId, request.RegionId));
        Assert.Contains("186,400", request.SummaryJson);

        // A sales manager is no approver of a release; finance is.
        var refused = await _approvals.Decide(request.ApprovalId, true, "customer promised to pay", "east.sales", new HashSet<string> { ChainRoles.SalesManager }, Cancellation);
        Assert.Equal("not-approver", Assert.IsType<ApprovalRefusedResult>(refused).Refused.Rule);
        Assert.Equal(OrderStatuses.Held, (await _orders.Find("SO-1", Cancellation))!.Status);

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.IsType<ApprovalDecided>(await _approvals.Decide(request.ApprovalId, true, "paid 100k today, rest by Friday", Finance, FinanceRoles, Cancellation));

        var released = (await _orders.Find("SO-1", Cancellation))!;
        Assert.Equal((OrderStatuses.Released, true, Finance, "paid 100k today, rest by Friday"), (released.Status, released.MayShip, released.DecidedBy, released.DecisionReason));
        Assert.Equal(_clock.GetUtcNow(), released.DecidedAt);
    }

    [Fact]
    public async Task A_rejected_release_cancels_the_order_and_an_order_within_credit_is_accepted_at_once()
    {
        await _ledger.SetLimit("cust-acme", 100_000, Finance, Cancellation);

        var within = Assert.IsType<OrderPlacement.Placed>(await _orders.Place(Order("SO-2", 60_000), Rep, Cancellation)).Order;
        var over = Assert.IsType<OrderPlacement.Placed>(await _orders.Place(Order("SO-3", 40_000.01m), Rep, Cancellation)).Order;

        Assert.Equal((OrderStatuses.Accepted, (long?)null), (within.Status, within.ApprovalId));
        Assert.Equal((OrderStatuses.Held, "limit"), (over.Status, over.Check.Code));
        Assert.Equal(60_000m, over.Check.OutstandingOrders);
        Assert.IsType<ApprovalDecided>(await _approvals.Decide(over.ApprovalId!.Value, false, "no more credit this quarter", Finance, FinanceRoles, Cancellation));
        Assert.Equal(OrderStatuses.Cancelled, (await _orders.Find("SO-3", Cancellation))!.Status);
        // A cancelled order no longer uses credit: the same amount fits now.
        Assert.Equal(OrderStatuses.Accepted, Assert.IsType<OrderPlacement.Placed>(await _orders.Place(Order("SO-4", 40_000), Rep, Cancellation)).Order.Status);
    }

    [Fact]
    public async Task An_order_sent_again_is_found_and_the_same_id_with_other_lines_is_refused()
    {
        await _ledger.SetLimit("cust-acme", 100_000, Finance, Cancellation);
        await _orders.Place(Order("SO-5", 1_000), Rep, Cancellation);

        var again = Assert.IsType<OrderPlacement.Placed>(await _orders.Place(Order("SO-5", 1_000), Rep, Cancellation));
        var changed = await _orders.Place(Order("SO-5", 2_000), Rep, Cancellation);

        Assert.True(again.Existing);
        Assert.IsType<OrderPlacement.Changed>(changed);
        Assert.IsType<OrderPlacement.NotAnAccount>(await _orders.Place(new OrderDraft("SO-6", "cust-member", [new OrderLine("SKU", 1, 1)]), Rep, Cancellation));
        Assert.Equal(1, await _database.Count("SELECT count(*) FROM sales_order"));
    }

    [Fact]
    public async Task Orders_placed_at_the_same_moment_cannot_both_spend_the_same_remaining_credit()
    {
        await _ledger.SetLimit("cust-acme", 100_000, Finance, Cancellation);

        var placed = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _orders.Place(Order($"SO-race-{i}", 30_000), Rep, Cancellation)));

        var statuses = placed.Select(p => Assert.IsType<OrderPlacement.Placed>(p).Order.Status).ToList();
        Assert.Equal(3, statuses.Count(s => s == OrderStatuses.Accepted));
        Assert.Equal(3, statuses.Count(s => s == OrderStatuses.Held));
    }

    [Fact]
    public async Task The_demo_s_B2B_customer_is_over_its_limit_overdue_and_has_an_order_waiting_for_finance_however_often_it_is_seeded()
    {
        await using (var connection = await _database.DataSource.OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync("INSERT INTO interaction (customer_id, rep_id, kind, at) VALUES ('cust-acme', @rep, 'visit', now() - interval '2 days')", new { rep = Rep });
        }

        var demo = new DemoCredit(_database.DataSource, new CreditOptions(), new OrderOptions(), new StoreSales.Domain.Approvals.ApprovalOptions(), new ChainCalendarOptions());
        var seeded = await demo.Seed("store-sh001", DateTimeOffset.UtcNow, Cancellation);
        await demo.Seed("store-sh001", DateTimeOffset.UtcNow, Cancellation);

        Assert.Equal("cust-acme", seeded!.CustomerId);
        Assert.Equal(DemoCredit.HeldOrderId, seeded.HeldOrder!.OrderId);
        var verdict = CreditCheck.Judge((await _facts.Read("cust-acme", Cancellation)).Standing(new CreditOptions()), 0, DateOnly.FromDateTime(DateTime.UtcNow), new CreditOptions());
        Assert.Equal((CreditOutcome.HoldBoth, 186_400m), (verdict.Outcome, verdict.OverdueAmount));
        Assert.True(verdict.Used > verdict.Limit);
        var held = (await _orders.Find(DemoCredit.HeldOrderId, Cancellation))!;
        Assert.Equal(OrderStatuses.Held, held.Status);
        Assert.Equal(ApprovalStatus.Pending, (await _approvals.Find(held.ApprovalId!.Value, Cancellation))!.Status);
        Assert.Equal((1, 4, 2), (await _database.Count("SELECT count(*) FROM sales_order"), await _database.Count("SELECT count(*) FROM receivable"), await _database.Count("SELECT count(*) FROM payment")));
    }

    private static OrderDraft Order(string id, decimal amount) => new(id, "cust-acme", [new OrderLine("SKU-PUMP", 1, amount)]);

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task Keep(Receivable receivable) => Assert.Equal(DocumentKept.Recorded, await _ledger.Keep(receivable, Finance, Cancellation));

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private async Task Customer(string id, string kind)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            VALUES (@id, @kind, @id, @id, @rep, 'dept-east-b2b', '2026-01-01', now(), now())
            """,
            new { id, kind, rep = Rep });
    }
}
