using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Customers;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The golden-hours reminder is an Orleans reminder in PostgreSQL's reminder table: a lead assigned on one silo that
/// becomes overdue while no silo runs is raised by the next silo, once. The 48 hours pass while the silo is down by
/// moving the lead's assignment two days back in the table (the silo's clock is the real one); the reminder ticks every
/// second (configuration).
/// </summary>
public sealed class GoldenHoursRestartTests
{
    private static readonly Dictionary<string, string?> EverySecond = new()
    {
        ["Orleans:MinimumReminderPeriod"] = "00:00:01",
        ["SalesForce:CustomerGrain:GoldenHoursCheckPeriod"] = "00:00:01",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_that_becomes_overdue_while_the_silo_is_down_is_raised_once_after_the_restart()
    {
        await using var database = await TestDatabase.Create("golden_restart");
        var clusterId = "golden-" + Guid.NewGuid().ToString("N")[..8];
        var intake = new CustomerIntake(database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        var customerId = Assert.IsType<CustomerCreated>(await intake.Create(
            new NewCustomer(new CustomerIdentity(CustomerKind.Member, "陈静", Phone: "+8613700000301"), "rep-sh001-02", "dept-east-retail", DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancellation)).CustomerId;

        long remindersBefore;
        long alertsBefore;
        await using (var silo = await SiloUnderTest.Start(database, clusterId, EverySecond))
        {
            Assert.IsType<LeadAssigned>(await new LeadBook(database.DataSource, TimeProvider.System).Assign(customerId, "rep-sh001-02", Cancellation));
            await silo.Grains().GetGrain<ICustomerGrain>(customerId).Changed(CustomerChange.LeadAssigned);
            remindersBefore = await Reminders(database, customerId);
            alertsBefore = await Alerts(database, customerId);
        }

        // While no silo runs, the 48 hours pass.
        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.Equal(1, await database.Count(
            "WITH moved AS (UPDATE lead SET assigned_at = assigned_at - interval '2 days' WHERE customer_id = @customerId RETURNING 1) SELECT count(*) FROM moved",
            new { customerId }));
        await using var restarted = await SiloUnderTest.Start(database, clusterId, EverySecond);
        await Eventually.Holds(async () => await Alerts(database, customerId) == 2, "the restarted silo's reminder raises the overdue lead to rep and supervisor", TimeSpan.FromSeconds(60), Cancellation);
        var raisedAt = await database.Count(
            "SELECT count(*) FROM intervention WHERE subject_id = @customerId AND condition = 'lead-first-contact-overdue' AND raised_at > @stoppedAt",
            new { customerId, stoppedAt = stoppedAt.UtcDateTime });
        var facts = await restarted.Grains().GetGrain<ICustomerGrain>(customerId).GetLiveFacts();
        await Eventually.Holds(async () => (await restarted.Grains().GetGrain<ICustomerGrain>(customerId).GetLiveFacts()).CheckedAt > facts.CheckedAt, "the reminder ticked again", cancellationToken: Cancellation);

        Assert.Equal(1, remindersBefore);
        Assert.Equal(0, alertsBefore);
        Assert.Equal(2, raisedAt);
        Assert.Equal(2, await Alerts(database, customerId));
    }

    [Fact]
    public async Task The_first_contact_removes_the_leads_reminder_and_the_sweeps_reminder_stays()
    {
        await using var database = await TestDatabase.Create("golden_contact");
        var intake = new CustomerIntake(database.DataSource, Options.Create(new CustomerIdentityOptions()), TimeProvider.System);
        var customerId = Assert.IsType<CustomerCreated>(await intake.Create(
            new NewCustomer(new CustomerIdentity(CustomerKind.Member, "吴霞", Phone: "+8613700000302"), "rep-gz001-02", "dept-south-retail", DateOnly.FromDateTime(DateTime.UtcNow)),
            Cancellation)).CustomerId;
        await using var silo = await SiloUnderTest.Start(database, "golden-" + Guid.NewGuid().ToString("N")[..8], EverySecond);
        var grain = silo.Grains().GetGrain<ICustomerGrain>(customerId);

        Assert.IsType<LeadAssigned>(await new LeadBook(database.DataSource, TimeProvider.System).Assign(customerId, "rep-gz001-02", Cancellation));
        await grain.Changed(CustomerChange.LeadAssigned);
        var whileWaiting = await Reminders(database, customerId);
        var contact = await new InteractionLog(database.DataSource, Options.Create(new GoldenHoursOptions()), TimeProvider.System)
            .Record(new NewInteraction(customerId, "rep-gz001-02", InteractionKind.Message), Cancellation);
        await grain.Changed(CustomerChange.InteractionRecorded);

        await Eventually.Holds(
            async () => await database.Count("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'dormancy-sweep'") == 1,
            "the silo has started the cluster's one dormancy sweep",
            cancellationToken: Cancellation);
        Assert.Equal(1, whileWaiting);
        Assert.True(contact!.FirstContactOfLead);
        Assert.Equal(0, await Reminders(database, customerId));
        Assert.Null((await grain.GetLiveFacts()).OpenLeadId);
    }

    private static Task<long> Alerts(TestDatabase database, string customerId) =>
        database.Count("SELECT count(*) FROM intervention WHERE subject_id = @customerId AND condition = 'lead-first-contact-overdue'", new { customerId });

    private static Task<long> Reminders(TestDatabase database, string customerId) =>
        database.Count("SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE '%' || @customerId AND remindername = 'golden-hours'", new { customerId });
}
