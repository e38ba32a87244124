using Microsoft.Extensions.Options;
using StoreSales.Data.Customers;
using StoreSales.Data.Demo;
using StoreSales.Data.Pool;
using StoreSales.Domain.Demo.SalesForce;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The demo chain's customers as the silo writes them at its first start, on a real PostgreSQL: all of them, once, and
/// where the rules that read the tables (the pool release here) find them in the states the demo promises.
/// </summary>
public sealed class DemoCustomerSeederTests : IAsyncLifetime
{
    private static readonly CustomerIdentityOptions Identity = new();
    private static readonly DormancyOptions Dormancy = new();
    private static readonly ChainCalendarOptions Calendar = new();

    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private TestDatabase _database = null!;
    private IReadOnlyList<DemoCustomer> _customers = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("democustomers");
        var seats = DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain).Stores.SelectMany(s => s.Reps ?? []).Select(r => r.Seat).ToList();
        _customers = new DemoCustomerBook(Dormancy, new GoldenHoursOptions(), Calendar.Zone())
            .Make(seats, DemoCustomerBook.DefaultCount, _start, DemoCustomerBook.Seed);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private DemoCustomerSeeder Seeder => new(_database.DataSource, Identity, Calendar.Zone());

    [Fact]
    public async Task Every_demo_customer_is_written_once_with_its_keys_history_and_open_leads()
    {
        Assert.Equal(DemoCustomerBook.DefaultCount, await Seeder.Seed(_customers, Cancellation));
        Assert.Equal(0, await Seeder.Seed(_customers, Cancellation));

        Assert.Equal(DemoCustomerBook.DefaultCount, await _database.Count("SELECT count(*) FROM customer"));
        Assert.Equal(
            _customers.Sum(c => CustomerKeys.Of(c.Identity, Identity).Keys.Length),
            await _database.Count("SELECT count(*) FROM customer_key"));
        Assert.Equal(_customers.Sum(c => c.Interactions.Length), await _database.Count("SELECT count(*) FROM interaction"));
        Assert.Equal(
            _customers.Count(c => c.OpenLeadAssignedAt is not null),
            await _database.Count("SELECT count(*) FROM lead WHERE first_contact_at IS NULL"));
        Assert.Equal(
            _customers.Count(c => c.Kind == CustomerKind.Account),
            await _database.Count("SELECT count(*) FROM customer WHERE kind = 'account' AND credit_code IS NOT NULL AND owner_rep_id LIKE '%-b2b-%'"));
    }

    [Fact]
    public async Task The_pool_release_takes_exactly_the_customers_the_demo_put_past_the_release_day()
    {
        await Seeder.Seed(_customers, Cancellation);

        var released = await new PoolRelease(_database.DataSource, Options.Create(Dormancy), Options.Create(Calendar)).Run(_start, Cancellation);

        var expected = _customers.Where(c => c.State is DemoCustomerState.Released or DemoCustomerState.DormantTomorrow or DemoCustomerState.Dormant).Select(c => c.CustomerId);
        Assert.Equal(expected.Order(StringComparer.Ordinal), released.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_customer_created_before_the_demo_keeps_its_key_and_the_demo_customer_holding_it_is_left_out()
    {
        var first = _customers[0];
        var intake = new CustomerIntake(_database.DataSource, Options.Create(Identity), TimeProvider.System);
        var earlier = Assert.IsType<CustomerCreated>(await intake.Create(
            new NewCustomer(new CustomerIdentity(CustomerKind.Member, "Someone else", Phone: first.Phone), first.OwnerRepId, first.DepartmentId, DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancellation));

        Assert.Equal(DemoCustomerBook.DefaultCount - 1, await Seeder.Seed(_customers, Cancellation));

        Assert.Equal(0, await _database.Count("SELECT count(*) FROM customer WHERE customer_id = @id", new { id = first.CustomerId }));
        Assert.Equal(1, await _database.Count(
            "SELECT count(*) FROM customer_key WHERE key LIKE 'phone:%' AND customer_id = @id", new { id = earlier.CustomerId }));
    }
}
