using Dapper;
using Microsoft.Extensions.Options;
using StoreSales.Data.Customers;
using StoreSales.Data.Reps;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// What a rep's board lists, read from a real PostgreSQL: the open leads, and the customers due for follow-up at the
/// 29/30-day edge of the chain's calendar (docs/domain.md "Dormant customers"), decided by <see cref="DormancyRule"/>.
/// </summary>
public sealed class RepCustomerBoardTests : IAsyncLifetime
{
    private const string Rep = "rep-board";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private static int _serial;

    private TestDatabase _database = null!;
    private CustomerIntake _intake = null!;
    private RepCustomerBoard _board = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.Create("repboard", seedDemo: false);
        _intake = new CustomerIntake(_database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        _board = new RepCustomerBoard(_database.DataSource, Options.Create(new DormancyOptions()), Options.Create(new ChainCalendarOptions()));
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_customer_is_due_for_follow_up_from_its_30th_calendar_day_without_contact_not_its_29th()
    {
        var day29 = await Customer(createdAt: LastMinuteOf(Today.AddDays(-29)));
        var day30 = await Customer(createdAt: LastMinuteOf(Today.AddDays(-30)));

        var due = await _board.FollowUpsDue(Rep, Now, 50, Cancellation);

        var listed = Assert.Single(due, d => d.CustomerId == day30);
        Assert.Equal(30, listed.Dormancy.IdleDays);
        Assert.Equal(DormancyState.FollowUpDue, listed.Dormancy.State);
        Assert.DoesNotContain(due, d => d.CustomerId == day29);
    }

    [Fact]
    public async Task A_call_keeps_a_customer_off_the_list_a_note_does_not_and_pool_or_other_reps_customers_are_not_listed()
    {
        var longAgo = LastMinuteOf(Today.AddDays(-100));
        var called = await Customer(createdAt: longAgo);
        var noted = await Customer(createdAt: longAgo);
        var inPool = await Customer(createdAt: longAgo);
        var someoneElses = await Customer(createdAt: longAgo, owner: "rep-someone-else");
        await Sql("INSERT INTO interaction (customer_id, rep_id, kind, at) VALUES (@id, @rep, 'call', @at)", new { id = called, rep = Rep, at = Now.AddDays(-3).UtcDateTime });
        await Sql("INSERT INTO interaction (customer_id, rep_id, kind, at) VALUES (@id, @rep, 'note', @at)", new { id = noted, rep = Rep, at = Now.AddDays(-3).UtcDateTime });
        await Sql("INSERT INTO pool_entry (customer_id, released_at, released_from_rep_id, reason) VALUES (@id, @at, @rep, 'dormant')", new { id = inPool, rep = Rep, at = Now.AddDays(-50).UtcDateTime });

        var due = (await _board.FollowUpsDue(Rep, Now, 50, Cancellation)).Select(d => d.CustomerId).ToList();

        Assert.Contains(noted, due);
        Assert.DoesNotContain(called, due);
        Assert.DoesNotContain(inPool, due);
        Assert.DoesNotContain(someoneElses, due);
        Assert.Equal(DormancyState.ReleasedToPool, (await _board.FollowUpsDue(Rep, Now, 50, Cancellation)).Single(d => d.CustomerId == noted).Dormancy.State);
    }

    [Fact]
    public async Task The_open_leads_are_the_reps_leads_without_a_first_contact_oldest_first()
    {
        var leads = new LeadBook(_database.DataSource, TimeProvider.System);
        var interactions = new InteractionLog(_database.DataSource, Options.Create(new StoreSales.Domain.SalesForce.Leads.GoldenHoursOptions()), TimeProvider.System);
        var first = await Customer(createdAt: Now.AddDays(-1));
        var second = await Customer(createdAt: Now.AddDays(-1));
        var contacted = await Customer(createdAt: Now.AddDays(-1));
        var otherRep = await Customer(createdAt: Now.AddDays(-1));
        foreach (var id in new[] { first, second, contacted })
        {
            Assert.IsType<LeadAssigned>(await leads.Assign(id, Rep, Cancellation));
        }

        Assert.IsType<LeadAssigned>(await leads.Assign(otherRep, "rep-someone-else", Cancellation));
        await interactions.Record(new NewInteraction(contacted, Rep, InteractionKind.Call, "reached", null, null, null), Cancellation);

        var open = await _board.OpenLeads(Rep, Cancellation);

        Assert.Equal(new[] { first, second }, open.Select(l => l.CustomerId));
        Assert.All(open, l => Assert.Equal("store-sh001", l.DepartmentId));
    }

    private static DateTimeOffset LastMinuteOf(DateOnly date) => ChainCalendar.StartOf(date.AddDays(1), Shanghai).AddMinutes(-1);

    private async Task<string> Customer(DateTimeOffset createdAt, string owner = Rep)
    {
        var phone = $"+86136{Interlocked.Increment(ref _serial):D8}";
        var created = Assert.IsType<CustomerCreated>(await _intake.Create(
            new NewCustomer(new CustomerIdentity(CustomerKind.Member, $"看板客户 {_serial}", Phone: phone), owner, "store-sh001", Today), Cancellation));
        await Sql("UPDATE customer SET created_at = @at WHERE customer_id = @id", new { at = createdAt.UtcDateTime, id = created.CustomerId });
        return created.CustomerId;
    }

    private async Task Sql(string sql, object parameters)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: Cancellation));
    }
}
