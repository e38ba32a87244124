using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class RepProcessHealthTests
{
    private static readonly ProcessHealthOptions Defaults = new();
    private static readonly DateTimeOffset Assigned = ChainTime.At(2026, 11, 9, 15, 0);

    public static TheoryData<string, ProcessMetric, int, int, MetricVerdict> Edges => new()
    {
        // because, measure, done, due, verdict
        { "leads: 17 of 20 is 85 % exactly", ProcessMetric.LeadResponse, 17, 20, MetricVerdict.Met },
        { "leads: 84 of 100", ProcessMetric.LeadResponse, 84, 100, MetricVerdict.Missed },
        { "leads: none this week", ProcessMetric.LeadResponse, 0, 0, MetricVerdict.NoData },
        { "follow-ups: 92 of 100", ProcessMetric.FollowUpClosure, 92, 100, MetricVerdict.Met },
        { "follow-ups: 91 of 100", ProcessMetric.FollowUpClosure, 91, 100, MetricVerdict.Missed },
        { "follow-ups: 11 of 12 is 91.7 %", ProcessMetric.FollowUpClosure, 11, 12, MetricVerdict.Missed },
        { "profiles: 24 of 25 is 96 % exactly", ProcessMetric.ProfileCompleteness, 24, 25, MetricVerdict.Met },
        { "profiles: 95 of 99", ProcessMetric.ProfileCompleteness, 95, 99, MetricVerdict.Missed },
        { "profiles: all", ProcessMetric.ProfileCompleteness, 40, 40, MetricVerdict.Met },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Each_measure_is_met_at_its_target_exactly(string because, ProcessMetric metric, int done, int due, MetricVerdict verdict)
    {
        var week = metric switch
        {
            ProcessMetric.LeadResponse => ProcessHealthCounts.Zero with { LeadsDue = due, LeadsAnsweredInTime = done },
            ProcessMetric.FollowUpClosure => ProcessHealthCounts.Zero with { FollowUpsDue = due, FollowUpsClosed = done },
            _ => ProcessHealthCounts.Zero with { Customers = due, CompleteProfiles = done },
        };

        var result = RepProcessHealth.Evaluate(week, Defaults)[metric];

        Assert.True(verdict == result.Verdict, because);
        Assert.Equal(due == 0 ? null : (decimal)done / due, result.Share);
    }

    [Fact]
    public void A_team_pools_its_reps_counts()
    {
        // One rep answered 1 lead of 1, the other 80 of 100: the team is 81 of 101 (80.2 %), not the mean of 100 % and 80 %.
        ProcessHealthCounts[] reps =
        [
            new(1, 1, 10, 10, 50, 50),
            new(100, 80, 10, 9, 50, 46),
        ];

        var team = RepProcessHealth.Team(reps, Defaults);

        Assert.Equal((81, 101, MetricVerdict.Missed), (team[ProcessMetric.LeadResponse].Done, team[ProcessMetric.LeadResponse].Due, team[ProcessMetric.LeadResponse].Verdict));
        Assert.Equal(MetricVerdict.Met, team[ProcessMetric.FollowUpClosure].Verdict);          // 19 of 20 = 95 %
        Assert.Equal(MetricVerdict.Met, team[ProcessMetric.ProfileCompleteness].Verdict);      // 96 of 100
        Assert.True(team.MissedAny);
        Assert.Equal([ProcessMetric.LeadResponse, ProcessMetric.FollowUpClosure, ProcessMetric.ProfileCompleteness], team.Metrics.Select(m => m.Metric));
    }

    [Fact]
    public void A_team_without_reps_has_nothing_to_measure() =>
        Assert.All(RepProcessHealth.Team([], Defaults).Metrics, m => Assert.Equal(MetricVerdict.NoData, m.Verdict));

    [Theory]
    [InlineData(null, 23 * 60 + 59, ItemProgress.Pending)]
    [InlineData(null, 24 * 60, ItemProgress.Late)]
    [InlineData(23 * 60 + 59, 30 * 60, ItemProgress.InTime)]
    [InlineData(24 * 60, 30 * 60, ItemProgress.Late)]
    public void A_lead_is_answered_in_time_before_24_hours(int? contactMinutes, int nowMinutes, ItemProgress progress) =>
        Assert.Equal(progress, RepProcessHealth.LeadResponse(Assigned, contactMinutes is { } m ? Assigned.AddMinutes(m) : null, Assigned.AddMinutes(nowMinutes), Defaults));

    [Theory]
    [InlineData("2026-11-10T23:59:00+08:00", "2026-11-12T09:00:00+08:00", ItemProgress.InTime)] // done late on its due day
    [InlineData("2026-11-11T00:00:00+08:00", "2026-11-12T09:00:00+08:00", ItemProgress.Late)]   // done the day after
    [InlineData(null, "2026-11-10T23:59:00+08:00", ItemProgress.Pending)]                       // its due day is not over
    [InlineData(null, "2026-11-11T00:00:00+08:00", ItemProgress.Late)]
    public void A_follow_up_is_closed_in_time_by_the_end_of_its_due_date(string? doneAt, string now, ItemProgress progress)
    {
        var due = new DateOnly(2026, 11, 10);

        Assert.Equal(progress, RepProcessHealth.FollowUp(due, doneAt is null ? null : ChainTime.Parse(doneAt), ChainTime.Parse(now), ChainTime.Zone));
    }

    [Theory]
    [InlineData(ProfileFields.Name | ProfileFields.Phone, CustomerKind.Member, true)]
    [InlineData(ProfileFields.Name, CustomerKind.Member, false)]
    [InlineData(ProfileFields.Name | ProfileFields.Phone, CustomerKind.Account, false)]
    [InlineData(ProfileFields.Name | ProfileFields.Phone | ProfileFields.Address | ProfileFields.Industry | ProfileFields.CreditCode | ProfileFields.ContactPerson, CustomerKind.Account, true)]
    public void A_profile_is_complete_when_the_configured_fields_are_filled_in(ProfileFields filled, CustomerKind kind, bool complete) =>
        Assert.Equal(complete, RepProcessHealth.IsProfileComplete(filled, kind, Defaults));

    [Fact]
    public void The_weeks_run_monday_to_sunday()
    {
        Assert.Equal(new DateOnly(2026, 11, 9), ChainCalendar.WeekStart(new DateOnly(2026, 11, 9)));  // a Monday
        Assert.Equal(new DateOnly(2026, 11, 9), ChainCalendar.WeekStart(new DateOnly(2026, 11, 15))); // the Sunday after
        Assert.Equal(new DateOnly(2026, 11, 16), ChainCalendar.WeekStart(new DateOnly(2026, 11, 16)));
    }

    public static TheoryData<string, ProcessHealthOptions, bool> OptionCases => new()
    {
        { "defaults", Defaults, true },
        { "no window", Defaults with { LeadResponseWithin = TimeSpan.Zero }, false },
        { "a target over 100 %", Defaults with { FollowUpClosureTarget = 1.01m }, false },
        { "a negative target", Defaults with { ProfileCompletenessTarget = -0.1m }, false },
        { "no member field", Defaults with { MemberProfileFields = ProfileFields.None }, false },
        { "an unknown field", Defaults with { AccountProfileFields = (ProfileFields)1024 }, false },
    };

    [Theory]
    [MemberData(nameof(OptionCases))]
    public void Options_are_validated(string because, ProcessHealthOptions options, bool valid) =>
        Assert.True(valid == options.Validate() is null, because);

}
