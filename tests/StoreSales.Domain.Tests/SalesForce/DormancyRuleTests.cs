using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class DormancyRuleTests
{
    private static readonly DormancyOptions Defaults = new();

    // Last call on 1 March 2026 at 17:00 in ChainTime.Zone; "now" is 09:00 local on the day so many days later.
    private static readonly DateTimeOffset LastCall = ChainTime.At(2026, 3, 1, 17, 0);

    [Theory]
    [InlineData(0, DormancyState.Active)]
    [InlineData(29, DormancyState.Active)]
    [InlineData(30, DormancyState.FollowUpDue)]
    [InlineData(44, DormancyState.FollowUpDue)]
    [InlineData(45, DormancyState.ReleasedToPool)]
    [InlineData(179, DormancyState.ReleasedToPool)]
    [InlineData(180, DormancyState.Dormant)]
    [InlineData(400, DormancyState.Dormant)]
    public void The_ladder_turns_at_30_45_and_180_days(int days, DormancyState state)
    {
        var now = ChainTime.At(2026, 3, 1, 9, 0).AddDays(days);

        var dormancy = Evaluate(Activity(lastInteraction: LastCall), now);

        Assert.Equal(state, dormancy.State);
        Assert.Equal(days, dormancy.IdleDays);
    }

    [Theory]
    [InlineData("2026-03-30T23:59:59+08:00", 29, DormancyState.Active)]       // the last second of day 29
    [InlineData("2026-03-31T00:00:00+08:00", 30, DormancyState.FollowUpDue)]  // local midnight starts day 30
    [InlineData("2026-03-30T16:00:00+00:00", 30, DormancyState.FollowUpDue)]  // the same midnight, written in UTC
    [InlineData("2026-03-30T15:59:59+00:00", 29, DormancyState.Active)]
    public void Days_are_calendar_days_in_the_chains_time_zone(string now, int days, DormancyState state)
    {
        var dormancy = Evaluate(Activity(lastInteraction: LastCall), ChainTime.Parse(now));

        Assert.Equal((days, state), (dormancy.IdleDays, dormancy.State));
    }

    [Theory]
    [InlineData(0, "2026-03-31T00:00:00+08:00")]
    [InlineData(30, "2026-04-15T00:00:00+08:00")]
    [InlineData(45, "2026-08-28T00:00:00+08:00")]
    [InlineData(180, null)]
    public void The_next_change_is_the_local_midnight_the_next_rung_begins(int days, string? next)
    {
        var dormancy = Evaluate(Activity(lastInteraction: LastCall), LastCall.AddDays(days));

        Assert.Equal(next is null ? null : ChainTime.Parse(next), dormancy.NextChangeAt);
    }

    [Theory]
    [InlineData(CustomerKind.Account, 10)] // an account's order keeps it active
    [InlineData(CustomerKind.Member, 40)]  // a member buying alone does not
    public void Whether_a_purchase_counts_depends_on_the_kind_of_customer(CustomerKind kind, int idleDays)
    {
        var purchase = LastCall.AddDays(30);

        var dormancy = Evaluate(Activity(kind, lastInteraction: LastCall, lastPurchase: purchase), LastCall.AddDays(40));

        Assert.Equal(idleDays, dormancy.IdleDays);
    }

    [Fact]
    public void Purchases_counting_is_configuration()
    {
        var options = Defaults with { PurchaseCountsForAccounts = false, PurchaseCountsForMembers = true };

        Assert.False(DormancyRule.PurchaseCounts(CustomerKind.Account, options));
        Assert.True(DormancyRule.PurchaseCounts(CustomerKind.Member, options));
    }

    [Fact]
    public void A_customer_never_contacted_is_idle_from_when_it_was_given_to_its_owner()
    {
        var claimed = LastCall.AddDays(50);

        var dormancy = Evaluate(Activity(clockStart: claimed, lastInteraction: LastCall), claimed.AddDays(29));

        Assert.Equal(DormancyState.Active, dormancy.State);
        Assert.Equal(claimed, dormancy.LastActivityAt);
    }

    [Theory]
    [InlineData(InteractionKind.Call, true)]
    [InlineData(InteractionKind.Visit, true)]
    [InlineData(InteractionKind.Message, true)]
    [InlineData(InteractionKind.Note, false)]
    public void A_note_does_not_keep_a_customer_out_of_the_pool(InteractionKind kind, bool counts) =>
        Assert.Equal(counts, DormancyRule.CountsAsActivity(kind, Defaults));

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var options = Defaults with { FollowUpAfterDays = 7, ReleaseToPoolAfterDays = 14, DormantAfterDays = 60 };

        Assert.Equal(DormancyState.FollowUpDue, Evaluate(Activity(lastInteraction: LastCall), LastCall.AddDays(7), options).State);
        Assert.Equal(DormancyState.ReleasedToPool, Evaluate(Activity(lastInteraction: LastCall), LastCall.AddDays(14), options).State);
        Assert.Equal(DormancyState.Dormant, Evaluate(Activity(lastInteraction: LastCall), LastCall.AddDays(60), options).State);
    }

    [Theory]
    [InlineData(30, 45, 180, InteractionKinds.Call, true)]
    [InlineData(0, 45, 180, InteractionKinds.Call, false)]
    [InlineData(30, 30, 180, InteractionKinds.Call, false)]
    [InlineData(30, 45, 45, InteractionKinds.Call, false)]
    [InlineData(30, 45, 180, InteractionKinds.None, false)]
    public void Options_are_validated(int followUp, int release, int dormant, InteractionKinds kinds, bool valid)
    {
        var options = new DormancyOptions { FollowUpAfterDays = followUp, ReleaseToPoolAfterDays = release, DormantAfterDays = dormant, ActivityKinds = kinds };

        Assert.Equal(valid, options.Validate() is null);
    }

    [Fact]
    public void A_day_that_starts_with_a_daylight_saving_jump_starts_at_the_first_valid_minute()
    {
        // Chile moved its clocks from 00:00 to 01:00 on 8 September 2024: that day has no midnight.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var start = ChainCalendar.StartOf(new DateOnly(2024, 9, 8), santiago);

        Assert.Equal(new DateTimeOffset(2024, 9, 8, 1, 0, 0, TimeSpan.FromHours(-3)), start);
    }

    private static CustomerActivity Activity(CustomerKind kind = CustomerKind.Account, DateTimeOffset? clockStart = null, DateTimeOffset? lastInteraction = null, DateTimeOffset? lastPurchase = null) =>
        new(kind, clockStart ?? LastCall.AddDays(-100), lastInteraction, lastPurchase);

    private static CustomerDormancy Evaluate(CustomerActivity activity, DateTimeOffset now, DormancyOptions? options = null) =>
        DormancyRule.Evaluate(activity, now, ChainTime.Zone, options ?? Defaults);
}
