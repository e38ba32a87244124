using Dapper;
using StoreSales.Abstractions.Customers;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// The customer grain's timers on a real PostgreSQL (the customer tables it reads its facts from, the intervention
/// journal its alerts land in) with the sales-force clock a FakeTimeProvider the test moves: the golden-hours reminder
/// ticks every second of real time and judges by the fake clock's now.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class CustomerGrainTests(GrainClusterFixture fixture)
{
    private const string Rep = "rep-hz001-01";
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_without_first_contact_raises_one_alert_to_rep_and_supervisor_at_48_hours_not_at_47_59()
    {
        var clock = fixture.SalesForceTime;
        var customerId = await NewCustomer();
        var assignedAt = Assert.IsType<LeadAssigned>(await Leads().Assign(customerId, Rep, Cancellation)).Lead.AssignedAt;
        var grain = fixture.Grains.GetGrain<ICustomerGrain>(customerId);
        await grain.Changed(CustomerChange.LeadAssigned);

        var waiting = await grain.GetLiveFacts();
        Assert.Equal((LeadContactStatus.Waiting, assignedAt + TimeSpan.FromHours(48)), (waiting.LeadStatus!.Value, waiting.FirstContactDueAt!.Value));

        clock.SetUtcNow(assignedAt + new TimeSpan(47, 59, 0));
        await TickedAt(grain, clock.GetUtcNow());
        Assert.Equal(0, await OverdueAlerts(customerId));

        clock.SetUtcNow(assignedAt + TimeSpan.FromHours(48));
        await Eventually.Holds(async () => await OverdueAlerts(customerId) == 2, "the overdue lead is raised to the rep and the supervisor", cancellationToken: Cancellation);

        clock.Advance(TimeSpan.FromHours(1));
        await TickedAt(grain, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1));
        await TickedAt(grain, clock.GetUtcNow());

        Assert.Equal(["rep:" + Rep, "supervisor:region-east"], await Assignees(customerId, "lead-first-contact-overdue"));
        Assert.Equal(LeadContactStatus.Overdue, (await grain.GetLiveFacts()).LeadStatus);
    }

    [Fact]
    public async Task A_first_contact_before_48_hours_ends_the_episode_and_nothing_is_raised_after()
    {
        var clock = fixture.SalesForceTime;
        var customerId = await NewCustomer();
        var assignedAt = Assert.IsType<LeadAssigned>(await Leads().Assign(customerId, Rep, Cancellation)).Lead.AssignedAt;
        var grain = fixture.Grains.GetGrain<ICustomerGrain>(customerId);
        await grain.Changed(CustomerChange.LeadAssigned);

        clock.SetUtcNow(assignedAt + TimeSpan.FromHours(47));
        var recorded = await Interactions().Record(new NewInteraction(customerId, Rep, InteractionKind.Call), Cancellation);
        await grain.Changed(CustomerChange.InteractionRecorded);
        var contacted = await grain.GetLiveFacts();

        clock.SetUtcNow(assignedAt + TimeSpan.FromHours(49));
        await grain.CheckDormancy();
        var after = await grain.GetLiveFacts();

        Assert.True(recorded!.FirstContactOfLead);
        Assert.Null(contacted.OpenLeadId);
        Assert.Null(contacted.FirstContactDueAt);
        Assert.Equal(clock.GetUtcNow(), after.CheckedAt);
        Assert.Equal(0, await OverdueAlerts(customerId));
    }

    [Fact]
    public async Task A_lead_whose_grain_was_never_told_is_raised_by_the_sweep_once_it_falls_due()
    {
        var clock = fixture.SalesForceTime;
        var sweep = fixture.Grains.GetGrain<IDormancySweepGrain>(0);
        await sweep.Sweep();
        var customerId = await NewCustomer();

        // Assigned in the tables only: the notification to the grain was lost.
        var assignedAt = Assert.IsType<LeadAssigned>(await Leads().Assign(customerId, Rep, Cancellation)).Lead.AssignedAt;
        clock.SetUtcNow(assignedAt + TimeSpan.FromHours(48));
        var told = await sweep.Sweep();

        await Eventually.Holds(async () => await OverdueAlerts(customerId) == 2, "the swept customer raises its overdue lead", cancellationToken: Cancellation);
        Assert.True(told >= 1);
    }

    [Fact]
    public async Task The_sweep_tells_a_customer_at_30_idle_days_not_at_29_and_the_owner_is_reminded_once()
    {
        var clock = fixture.SalesForceTime;
        var zone = new ChainCalendarOptions().Zone();
        var sweep = fixture.Grains.GetGrain<IDormancySweepGrain>(0);
        var customerId = await NewCustomer();
        var createdAt = clock.GetUtcNow();
        var grain = fixture.Grains.GetGrain<ICustomerGrain>(customerId);
        await sweep.Sweep();

        // Day 29 (calendar days in the chain's zone): the sweep has nobody new to tell, and the rule says active.
        clock.SetUtcNow(ChainCalendar.StartOf(ChainCalendar.DateOf(createdAt, zone).AddDays(30), zone) - TimeSpan.FromMinutes(1));
        await sweep.Sweep();
        await grain.CheckDormancy();
        var day29 = await grain.GetLiveFacts();
        var alertsAt29 = await FollowUpAlerts(customerId);

        // Day 30 from its first minute: the sweep finds the crossing and tells the grain, which reminds the owner.
        clock.Advance(TimeSpan.FromMinutes(2));
        var told = await sweep.Sweep();
        await Eventually.Holds(async () => await FollowUpAlerts(customerId) == 1, "the owner is reminded to follow up", cancellationToken: Cancellation);
        await sweep.Sweep();
        await grain.CheckDormancy();
        var day30 = await grain.GetLiveFacts();

        Assert.Equal((DormancyState.Active, 29), (day29.Dormancy!.Value, day29.IdleDays));
        Assert.Equal(0, alertsAt29);
        Assert.True(told >= 1);
        Assert.Equal((DormancyState.FollowUpDue, 30), (day30.Dormancy!.Value, day30.IdleDays));
        Assert.Equal(1, await FollowUpAlerts(customerId));
        Assert.Equal(["rep:" + Rep], await Assignees(customerId, "customer-follow-up-due"));
    }

    [Fact]
    public async Task At_180_idle_days_the_sweep_routes_the_customer_to_the_training_pool_once_and_activity_takes_it_out()
    {
        var clock = fixture.SalesForceTime;
        var zone = new ChainCalendarOptions().Zone();
        var sweep = fixture.Grains.GetGrain<IDormancySweepGrain>(0);
        var customerId = await NewCustomer();
        var createdAt = clock.GetUtcNow();
        var grain = fixture.Grains.GetGrain<ICustomerGrain>(customerId);
        await sweep.Sweep();

        clock.SetUtcNow(ChainCalendar.StartOf(ChainCalendar.DateOf(createdAt, zone).AddDays(180), zone));
        await sweep.Sweep();
        await sweep.Sweep();
        var dormant = await grain.GetLiveFacts();
        var entries = await TrainingPoolEntries(customerId);

        await Interactions().Record(new NewInteraction(customerId, Rep, InteractionKind.Visit), Cancellation);
        await grain.Changed(CustomerChange.InteractionRecorded);
        var revived = await grain.GetLiveFacts();

        Assert.Equal((DormancyState.Dormant, true), (dormant.Dormancy!.Value, dormant.InTrainingPool));
        Assert.Equal(1, entries);
        Assert.Equal((DormancyState.Active, false), (revived.Dormancy!.Value, revived.InTrainingPool));
        Assert.Equal(0, await fixture.Database.Count("SELECT count(*) FROM training_pool_entry WHERE customer_id = @customerId AND left_at IS NULL", new { customerId }));
    }

    private LeadBook Leads() => new(fixture.Database.DataSource, fixture.SalesForceTime);

    private InteractionLog Interactions() => new(fixture.Database.DataSource, Microsoft.Extensions.Options.Options.Create(new GoldenHoursOptions()), fixture.SalesForceTime);

    /// <summary>A member owned by <see cref="Rep"/>, created at the sales-force clock's now.</summary>
    private async Task<string> NewCustomer()
    {
        var intake = new CustomerIntake(fixture.Database.DataSource, Microsoft.Extensions.Options.Options.Create(new CustomerIdentityOptions()), fixture.SalesForceTime);
        var serial = Interlocked.Increment(ref _serial);
        var customer = new NewCustomer(
            new CustomerIdentity(CustomerKind.Member, $"Grain test {serial}", Phone: $"+86139{Environment.ProcessId % 1000:D3}{serial:D5}"),
            Rep,
            "dept-east-retail",
            DateOnly.FromDateTime(fixture.SalesForceTime.GetUtcNow().UtcDateTime));
        return Assert.IsType<CustomerCreated>(await intake.Create(customer, Cancellation)).CustomerId;
    }

    /// <summary>Waits for the grain's reminder to have judged at <paramref name="now"/> (the fake clock's moment).</summary>
    private static Task TickedAt(ICustomerGrain grain, DateTimeOffset now) =>
        Eventually.Holds(async () => (await grain.GetLiveFacts()).CheckedAt >= now, $"the golden-hours reminder ticked at {now:u}", cancellationToken: Cancellation);

    private Task<long> OverdueAlerts(string customerId) =>
        fixture.Database.Count("SELECT count(*) FROM intervention WHERE subject_id = @customerId AND condition = 'lead-first-contact-overdue'", new { customerId });

    private Task<long> FollowUpAlerts(string customerId) =>
        fixture.Database.Count("SELECT count(*) FROM intervention WHERE subject_id = @customerId AND condition = 'customer-follow-up-due'", new { customerId });

    private async Task<List<string>> Assignees(string customerId, string condition)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(Cancellation);
        return (await connection.QueryAsync<string>(
            "SELECT assignee FROM intervention WHERE subject_id = @customerId AND condition = @condition ORDER BY assignee",
            new { customerId, condition })).AsList();
    }

    private Task<long> TrainingPoolEntries(string customerId) =>
        fixture.Database.Count("SELECT count(*) FROM training_pool_entry WHERE customer_id = @customerId", new { customerId });
}
