using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class GoldenHoursRuleTests
{
    private static readonly GoldenHoursOptions Defaults = new();
    private static readonly DateTimeOffset Assigned = ChainTime.At(2026, 11, 9, 10, 30);

    public static TheoryData<string, TimeSpan, LeadContactStatus, TimeSpan> WithoutContact => new()
    {
        { "just assigned", TimeSpan.Zero, LeadContactStatus.Waiting, TimeSpan.FromHours(48) },
        { "47:59", new TimeSpan(47, 59, 0), LeadContactStatus.Waiting, TimeSpan.FromMinutes(1) },
        { "a tick before 48:00", TimeSpan.FromHours(48) - TimeSpan.FromTicks(1), LeadContactStatus.Waiting, TimeSpan.FromTicks(1) },
        { "48:00 exactly", TimeSpan.FromHours(48), LeadContactStatus.Overdue, TimeSpan.Zero },
        { "a week later", TimeSpan.FromDays(7), LeadContactStatus.Overdue, TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(WithoutContact))]
    public void A_lead_without_first_contact_is_overdue_at_48_hours_exactly(string because, TimeSpan sinceAssigned, LeadContactStatus status, TimeSpan remaining)
    {
        var lead = GoldenHoursRule.Evaluate(Assigned, null, Assigned + sinceAssigned, Defaults);

        Assert.True(status == lead.Status, because);
        Assert.Equal(remaining, lead.Remaining);
        Assert.Equal(Assigned.AddHours(48), lead.DueAt);
        Assert.Equal(status == LeadContactStatus.Overdue, lead.IsOverdue);
    }

    [Theory]
    [InlineData(1, LeadContactStatus.ContactedInTime)]
    [InlineData(47 * 60 + 59, LeadContactStatus.ContactedInTime)]
    [InlineData(48 * 60, LeadContactStatus.ContactedLate)]
    [InlineData(72 * 60, LeadContactStatus.ContactedLate)]
    public void A_first_contact_ends_the_countdown_in_time_or_late(int minutesAfterAssignment, LeadContactStatus status)
    {
        var contacted = Assigned.AddMinutes(minutesAfterAssignment);

        var lead = GoldenHoursRule.Evaluate(Assigned, contacted, Assigned.AddDays(10), Defaults);

        Assert.Equal(status, lead.Status);
        Assert.False(lead.IsOverdue);
        Assert.Equal(TimeSpan.Zero, lead.Remaining);
    }

    [Theory]
    [InlineData(InteractionKind.Call, true)]
    [InlineData(InteractionKind.Message, true)]
    [InlineData(InteractionKind.Note, false)]  // the rep's own record, not a contact
    [InlineData(InteractionKind.Visit, false)] // DOMAIN.md says call or message; configuration can add it
    public void A_call_or_a_message_is_a_first_contact_and_a_note_is_not(InteractionKind kind, bool counts) =>
        Assert.Equal(counts, GoldenHoursRule.IsFirstContact(kind, Defaults));

    [Fact]
    public void The_window_and_the_kinds_come_from_configuration()
    {
        var options = Defaults with { FirstContactWithin = TimeSpan.FromHours(24), FirstContactKinds = InteractionKinds.Call | InteractionKinds.Message | InteractionKinds.Visit };

        Assert.Equal(LeadContactStatus.Waiting, GoldenHoursRule.Evaluate(Assigned, null, Assigned.AddHours(23.99), options).Status);
        Assert.Equal(LeadContactStatus.Overdue, GoldenHoursRule.Evaluate(Assigned, null, Assigned.AddHours(24), options).Status);
        Assert.True(GoldenHoursRule.IsFirstContact(InteractionKind.Visit, options));
    }

    [Theory]
    [InlineData(0, InteractionKinds.Call, false)]
    [InlineData(-1, InteractionKinds.Call, false)]
    [InlineData(1, InteractionKinds.None, false)]
    [InlineData(1, (InteractionKinds)64, false)]
    [InlineData(1, InteractionKinds.Note, true)]
    public void Options_are_validated(int hours, InteractionKinds kinds, bool valid)
    {
        var options = new GoldenHoursOptions { FirstContactWithin = TimeSpan.FromHours(hours), FirstContactKinds = kinds };

        Assert.Equal(valid, options.Validate() is null);
        Assert.Null(Defaults.Validate());
    }
}
