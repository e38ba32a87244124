using StoreSales.Domain.Access;
using StoreSales.Domain.Credit;

namespace StoreSales.Domain.Tests.Credit;

/// <summary>The shape of receivables, payments and orders, the settings' checks, and who keeps and sees credit.</summary>
public sealed class CreditRulesTests
{
    private static readonly CreditOptions Options = new();

    [Theory]
    [InlineData("AR-1", "cust-1", "100.00", "CNY", "2026-11-01", "2026-12-01", null)]
    [InlineData(" ", "cust-1", "100", "CNY", "2026-11-01", "2026-12-01", "documentNo")]
    [InlineData("AR 1", "cust-1", "100", "CNY", "2026-11-01", "2026-12-01", "documentNo")]
    [InlineData("AR-1", "", "100", "CNY", "2026-11-01", "2026-12-01", "customerId")]
    [InlineData("AR-1", "cust-1", "0", "CNY", "2026-11-01", "2026-12-01", "amount")]
    [InlineData("AR-1", "cust-1", "10.005", "CNY", "2026-11-01", "2026-12-01", "amount")]
    [InlineData("AR-1", "cust-1", "100", "USD", "2026-11-01", "2026-12-01", "currency")]
    [InlineData("AR-1", "cust-1", "100", null, "2026-11-01", "2026-10-31", "dueOn")]
    public void A_receivable_is_refused_naming_its_field(string? documentNo, string customerId, string amount, string? currency, string issued, string due, string? field)
    {
        var check = CreditDocuments.CheckReceivable(documentNo, customerId, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency, DateOnly.Parse(issued), DateOnly.Parse(due), null, Options);

        if (field is null)
        {
            Assert.True(check.IsValid);
            Assert.Equal("CNY", check.Document!.Currency);
        }
        else
        {
            Assert.Equal([field], check.Errors.Keys);
        }
    }

    [Fact]
    public void A_payment_in_the_future_is_refused()
    {
        var now = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

        var check = CreditDocuments.CheckPayment("PAY-1", "cust-1", 100, null, now.AddHours(1), null, now, Options);

        Assert.Equal(["paidAt"], check.Errors.Keys);
    }

    [Fact]
    public void An_order_names_each_bad_line_and_sums_its_lines()
    {
        var (bad, errors) = OrderRule.Check("SO-1", "cust-1", [new("SKU-1", 2, 10), new("SKU-2", 0, 10), new("", 1, 1)], new OrderOptions());
        var (good, _) = OrderRule.Check("SO-1", "cust-1", [new("SKU-1", 3, 33.33m), new("SKU-2", 1, 0.01m)], new OrderOptions());

        Assert.Null(bad);
        Assert.Equal(["lines[1].quantity", "lines[2].itemId"], errors.Keys.Order());
        Assert.Equal(100.00m, good!.Amount);
    }

    [Theory]
    [InlineData(-1, "OverdueGraceDays")]
    [InlineData(0, null)]
    public void The_settings_are_checked_at_start(int grace, string? key) =>
        Assert.Equal(key is null, new CreditOptions { OverdueGraceDays = grace }.Validate() is null);

    [Fact]
    public void The_release_approver_must_be_a_role_people_hold()
    {
        Assert.Contains("ReleaseApproverRole", new OrderOptions { ReleaseApproverRole = "finanse" }.Validate());
        Assert.Null(new OrderOptions().Validate());
    }

    private static ViewerScope Person(string role, string? rep = null, string[]? stores = null, string[]? departments = null) =>
        ViewerScope.Of([role], [], stores ?? []) with { RepId = rep, Departments = [.. departments ?? []] };

    [Theory]
    // role,                          rep,                 department,        keeps ledger, sees, places orders
    [InlineData(ChainRoles.Finance, null, null, true, true, false)]
    [InlineData(ChainRoles.Admin, null, null, true, true, true)]
    [InlineData(ChainRoles.SalesRep, "rep-b2b-01", "dept-east-b2b", false, true, true)]   // the owner rep
    [InlineData(ChainRoles.SalesRep, "rep-b2b-02", "dept-east-b2b", false, false, false)] // a colleague
    [InlineData(ChainRoles.SalesManager, null, "dept-east-b2b", false, true, true)]       // the team's manager
    [InlineData(ChainRoles.Hq, null, null, false, true, false)]
    [InlineData(ChainRoles.Legal, null, null, false, false, false)]
    [InlineData(ChainRoles.Board, null, null, false, false, false)]
    public void Finance_keeps_the_ledger_the_customer_s_people_see_it_and_its_owner_places_orders(
        string role, string? rep, string? department, bool keeps, bool sees, bool places)
    {
        var viewer = Person(role, rep, departments: department is null ? [] : [department]);

        Assert.Equal(keeps, CreditAccessRule.CanKeepLedger(viewer));
        Assert.Equal(sees, CreditAccessRule.CanSee(viewer, "rep-b2b-01", "dept-east-b2b", "store-sh001"));
        Assert.Equal(places, CreditAccessRule.CanPlaceOrder(viewer, "rep-b2b-01", "dept-east-b2b", "store-sh001"));
    }
}
