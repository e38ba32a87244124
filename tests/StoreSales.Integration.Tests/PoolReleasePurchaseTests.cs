using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Data.Customers;
using StoreSales.Data.Pool;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// A purchase as activity (SalesForce:Dormancy:PurchaseCountsForAccounts / PurchaseCountsForMembers) in the set-based
/// statements on a real PostgreSQL: the pool release and the dormancy sweep's crossings count alike.
/// </summary>
public sealed class PoolReleasePurchaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private TestDatabase _database = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.Create("pool_purchases");

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_accounts_recent_order_keeps_it_out_of_the_pool_a_members_till_purchase_does_not()
    {
        var account = await Customer(CustomerKind.Account, "Suzhou Lake Trading Co., Ltd.", "ACC-0001", "+8613700000201");
        var member = await Customer(CustomerKind.Member, "周敏", "MEM-0001", "+8613700000202");
        var idle = await Customer(CustomerKind.Account, "Wuxi Canal Supplies Co., Ltd.", "ACC-0002", "+8613700000203");
        await Sql("UPDATE customer SET created_at = @at", new { at = Now.AddDays(-60).UtcDateTime });
        await TillSale(1, "ACC-0001", Now.AddDays(-10));
        await TillSale(2, "MEM-0001", Now.AddDays(-10));
        await TillSale(3, "ACC-0002", Now.AddDays(-50));

        var released = await Release(new DormancyOptions());
        var membersCount = await Release(new DormancyOptions { PurchaseCountsForMembers = true, PurchaseCountsForAccounts = false });

        Assert.Equal(new[] { idle, member }.Order(StringComparer.Ordinal), released.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { account, idle }.Order(StringComparer.Ordinal), membersCount.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_sweep_finds_the_customer_whose_last_purchase_was_30_days_ago_and_not_one_that_bought_since()
    {
        var lapsed = await Customer(CustomerKind.Account, "Nantong Port Foods Co., Ltd.", "ACC-1001", "+8613700000211");
        var buyingAgain = await Customer(CustomerKind.Account, "Yangzhou Tea House Co., Ltd.", "ACC-1002", "+8613700000212");
        await Sql("UPDATE customer SET created_at = @at", new { at = Now.AddDays(-90).UtcDateTime });
        // The sweep at local midnight: who reached day 30 today, i.e. whose last activity was on the day 30 days ago.
        var zone = new ChainCalendarOptions().Zone();
        var midnight = ChainCalendar.StartOf(ChainCalendar.DateOf(Now, zone), zone);
        var midnightSweep = DormancyCrossing.Window(midnight.AddMinutes(-1), midnight, 30, zone)!;
        await TillSale(11, "ACC-1001", midnightSweep.From.AddHours(15));
        await TillSale(12, "ACC-1002", midnightSweep.From.AddHours(15));
        await TillSale(13, "ACC-1002", Now.AddDays(-1));

        var crossings = new PgDormancyCrossings(_database.DataSource, Options.Create(new DormancyOptions()));
        var crossed = await crossings.IdleSince(midnightSweep.From, midnightSweep.To, Cancellation);

        Assert.Equal([lapsed], crossed);
        Assert.DoesNotContain(buyingAgain, crossed);
    }

    private async Task<IReadOnlyList<string>> Release(DormancyOptions options)
    {
        await Sql("DELETE FROM pool_entry");
        return await new PoolRelease(_database.DataSource, Options.Create(options), Options.Create(new ChainCalendarOptions())).Run(Now, Cancellation);
    }

    private async Task<string> Customer(CustomerKind kind, string name, string memberCode, string phone)
    {
        var intake = new CustomerIntake(_database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        var customer = new NewCustomer(new CustomerIdentity(kind, name, MemberCode: memberCode, Phone: phone), "rep-sh001-01", "dept-east-retail", DateOnly.FromDateTime(Now.Date));
        return Assert.IsType<CustomerCreated>(await intake.Create(customer, Cancellation)).CustomerId;
    }

    private Task TillSale(long sequence, string memberCode, DateTimeOffset at) =>
        Sql(
            """
            INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, member_id, total)
            VALUES ('store-sh001', 'P01', @sequence, 'sale', @at, @at, @memberCode, 88)
            """,
            new { sequence, at = at.UtcDateTime, memberCode });

    private async Task Sql(string sql, object? parameters = null)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(sql, parameters);
    }
}
