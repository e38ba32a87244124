using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Customers;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Silo.Ingest;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Customers hear of their members' till purchases from the ingest API after the ledger commit, off the ack (as reps
/// do): a real silo, the customer created in the real customer tables with a member code. The ack does not wait for
/// the customer, so the tests wait for the feed to have no batch in flight, never a fixed time.
/// </summary>
public sealed class MemberPurchaseIngestTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string StoreId = "store-sh001";
    private const string Key = "demo-key-store-sh001";
    private const string Tea = "6920433218190";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private MemberSalesFeed Feed => fixture.Silo.Services.GetRequiredService<MemberSalesFeed>();

    [Fact]
    public async Task A_member_sale_sent_twice_shows_once_in_the_customers_live_purchases()
    {
        var customerId = await NewMember("M20261111001", "+8613700000101");
        var grain = fixture.Silo.Grains().GetGrain<ICustomerGrain>(customerId);
        var before = await grain.GetLiveFacts();
        IReadOnlyList<SaleRecord> batch =
        [
            Sale("M01", 1, Now, (Tea, 2, 15m)) with { MemberId = "M20261111001" },
            Sale("M01", 2, Now.AddSeconds(1), (Tea, 1, 5m)),
        ];

        var first = await fixture.Silo.PostSales(StoreId, Key, batch, Cancellation);
        await Eventually.Holds(() => Feed.InFlight == 0, "the member feed has answered the first batch", cancellationToken: Cancellation);
        var afterFirst = await grain.GetLiveFacts();
        var second = await fixture.Silo.PostSales(StoreId, Key, batch, Cancellation);
        await Eventually.Holds(() => Feed.InFlight == 0, "the member feed has answered the second batch", cancellationToken: Cancellation);
        var afterSecond = await grain.GetLiveFacts();

        Assert.Equal((2, 2), (first.Accepted, second.Duplicates));
        Assert.Equal((0, 0m), (before.WindowPurchaseCount, before.WindowPurchaseAmount));
        var purchase = Assert.Single(afterFirst.RecentPurchases);
        Assert.Equal((StoreId, "M01", 1L, 30m), (purchase.StoreId, purchase.TerminalId, purchase.Sequence, purchase.Total));
        Assert.Equal((1, 30m), (afterFirst.WindowPurchaseCount, afterFirst.WindowPurchaseAmount));
        Assert.Equal((1, 30m, 1), (afterSecond.WindowPurchaseCount, afterSecond.WindowPurchaseAmount, afterSecond.RecentPurchases.Length));
    }

    [Fact]
    public async Task A_member_code_no_customer_holds_is_counted_and_the_sale_is_kept()
    {
        var meters = fixture.Silo.Services.GetRequiredService<IMeterFactory>();
        var unknown = 0L;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "storesales.ingest.member_sales.unknown_member")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref unknown, value));
        listener.Start();

        var ack = await fixture.Silo.PostSales(StoreId, Key, [Sale("M02", 1, Now, (Tea, 1, 7m)) with { MemberId = "M-NOBODY-0001" }], Cancellation);
        await Eventually.Holds(() => Feed.InFlight == 0, "the member feed has looked at the batch", cancellationToken: Cancellation);

        Assert.Equal(1, ack.Accepted);
        Assert.Equal(1, Interlocked.Read(ref unknown));
        Assert.Equal(1, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'M02' AND member_id = 'M-NOBODY-0001'"));
    }

    private async Task<string> NewMember(string memberCode, string phone)
    {
        var intake = new CustomerIntake(fixture.Database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        var customer = new NewCustomer(
            new CustomerIdentity(CustomerKind.Member, "Member " + memberCode, MemberCode: memberCode, Phone: phone),
            "rep-sh001-01",
            "dept-east-retail",
            DateOnly.FromDateTime(DateTime.UtcNow));
        return Assert.IsType<CustomerCreated>(await intake.Create(customer, Cancellation)).CustomerId;
    }
}
