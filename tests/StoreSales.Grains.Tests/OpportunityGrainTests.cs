using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Data.Approvals;
using StoreSales.Data.Customers;
using StoreSales.Data.Opportunities;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Testing;
using Options = Microsoft.Extensions.Options.Options;

namespace StoreSales.Grains.Tests;

/// <summary>
/// The opportunity grain's ageing on a real PostgreSQL with the sales-force clock a FakeTimeProvider the test moves: the
/// ageing reminder ticks every second of real time and judges by the fake clock's now (6d23h green, 7d yellow, 14d
/// stalled with one alert per recipient, raised once per idle episode).
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class OpportunityGrainTests(GrainClusterFixture fixture)
{
    private const string Rep = "rep-sh001-01";
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Idle_time_turns_yellow_at_7_days_not_at_6d23h_and_stalled_at_14_raises_one_alert_per_recipient()
    {
        var clock = fixture.SalesForceTime;
        var opened = await Open();
        var grain = fixture.Grains.GetGrain<IOpportunityGrain>(opened.OpportunityId);
        await grain.Changed();
        Assert.Equal(AgeingColour.Green, (await grain.GetLive())!.Colour);

        clock.SetUtcNow(opened.LastActivityAt + new TimeSpan(6, 23, 0, 0));
        Assert.Equal(AgeingColour.Green, (await TickedAt(grain, clock.GetUtcNow())).Colour);

        clock.SetUtcNow(opened.LastActivityAt + TimeSpan.FromDays(7));
        var yellow = await TickedAt(grain, clock.GetUtcNow());
        Assert.Equal((AgeingColour.Yellow, opened.LastActivityAt + TimeSpan.FromDays(14)), (yellow.Colour, yellow.NextChangeAt));
        Assert.Equal(0, await StalledAlerts(opened.OpportunityId));

        clock.SetUtcNow(opened.LastActivityAt + TimeSpan.FromDays(14));
        await Eventually.Holds(async () => await StalledAlerts(opened.OpportunityId) == 2, "the stalled opportunity is raised to the store manager and the supervisor", cancellationToken: Cancellation);

        clock.Advance(TimeSpan.FromHours(1));
        await TickedAt(grain, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1));
        var stalled = await TickedAt(grain, clock.GetUtcNow());

        Assert.Equal(AgeingColour.Stalled, stalled.Colour);
        Assert.True(stalled.StalledRaised);
        Assert.Equal(["store-manager:store-sh001", "supervisor:region-east"], await Assignees(opened.OpportunityId));
    }

    [Fact]
    public async Task A_move_is_activity_the_grain_hears_of_and_ageing_starts_again()
    {
        var clock = fixture.SalesForceTime;
        var opened = await Open();
        var grain = fixture.Grains.GetGrain<IOpportunityGrain>(opened.OpportunityId);
        clock.SetUtcNow(opened.LastActivityAt + TimeSpan.FromDays(8));
        Assert.Equal(AgeingColour.Yellow, (await TickedAt(grain, clock.GetUtcNow())).Colour);

        Assert.IsType<Moved>(await Book().Move(opened.OpportunityId, "needs-confirmed", [], Rep, null, Cancellation));
        await grain.Changed();

        var live = (await grain.GetLive())!;
        Assert.Equal(("needs-confirmed", AgeingColour.Green), (live.Facts.Stage, live.Colour));
        Assert.Equal(["lead", "needs-confirmed"], live.Facts.Moves.Select(m => m.ToStage));
    }

    private OpportunityBook Book()
    {
        var options = Options.Create(new OpportunityOptions());
        var changes = new OpportunityChanges(fixture.Database.DataSource, []);
        var approvals = new ApprovalBook(fixture.Database.DataSource, [], fixture.SalesForceTime, Microsoft.Extensions.Options.Options.Create(new StoreSales.Domain.Approvals.ApprovalOptions()), NullLogger<ApprovalBook>.Instance);
        return new OpportunityBook(fixture.Database.DataSource, approvals, options, fixture.SalesForceTime, changes);
    }

    private async Task<OpportunityFacts> Open()
    {
        var intake = new CustomerIntake(fixture.Database.DataSource, Options.Create(new CustomerIdentityOptions()), fixture.SalesForceTime);
        var serial = Interlocked.Increment(ref _serial);
        var customer = Assert.IsType<CustomerCreated>(await intake.Create(
            new NewCustomer(new CustomerIdentity(CustomerKind.Account, $"Opportunity grain test {serial}"), Rep, "dept-east-retail", DateOnly.FromDateTime(fixture.SalesForceTime.GetUtcNow().UtcDateTime)),
            Cancellation)).CustomerId;
        return (await Book().Create(new NewOpportunity(customer, Rep, "dept-east-retail", "medical-devices", $"Infusion pumps {serial}", 80_000m, Rep), Cancellation))!;
    }

    /// <summary>Waits for the grain's reminder to have judged at <paramref name="now"/> (the fake clock's moment).</summary>
    private static async Task<OpportunityLive> TickedAt(IOpportunityGrain grain, DateTimeOffset now)
    {
        await Eventually.Holds(async () => (await grain.GetLive())?.CheckedAt >= now, $"the ageing reminder ticked at {now:u}", cancellationToken: Cancellation);
        return (await grain.GetLive())!;
    }

    private Task<long> StalledAlerts(string opportunityId) =>
        fixture.Database.Count("SELECT count(*) FROM intervention WHERE subject_id = @opportunityId AND condition = 'opportunity-stalled'", new { opportunityId });

    private async Task<List<string>> Assignees(string opportunityId)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        return (await connection.QueryAsync<string>(
            "SELECT assignee FROM intervention WHERE subject_id = @opportunityId AND condition = 'opportunity-stalled' ORDER BY assignee",
            new { opportunityId })).AsList();
    }
}
