using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Domain.Tests.SalesForce;

/// <summary>Offboarding: who may depart, what stage a customer is handed over at, which successors may take it, and the departure's overdue judgement.</summary>
public sealed class DepartureRuleTests
{
    private static readonly HandOverOptions Defaults = new();
    private static readonly DateTimeOffset Started = ChainTime.At(2026, 11, 2, 9, 0);
    private static readonly DateOnly Today = new(2026, 11, 2);

    [Theory]
    [InlineData(true, false, false, DepartureStanding.Working, null)]
    [InlineData(true, true, false, DepartureStanding.Departing, DepartureRefusal.AlreadyDeparting)]
    [InlineData(false, true, true, DepartureStanding.Gone, DepartureRefusal.AlreadyGone)]
    [InlineData(true, true, true, DepartureStanding.Gone, DepartureRefusal.AlreadyGone)]
    [InlineData(false, false, false, DepartureStanding.Gone, DepartureRefusal.AlreadyGone)]
    public void A_departure_starts_only_for_a_working_rep(bool active, bool started, bool completed, DepartureStanding standing, DepartureRefusal? refusal)
    {
        var actual = DepartureRule.Standing(active, started, completed);

        Assert.Equal(standing, actual);
        Assert.Equal(refusal, DepartureRule.Refusal(actual));
    }

    public static TheoryData<string, bool, DormancyState, DateOnly?, CustomerStage> StageCases => new()
    {
        { "nothing due, active", false, DormancyState.Active, null, CustomerStage.Active },
        { "next action due today is not late", false, DormancyState.Active, Today, CustomerStage.Active },
        { "next action due yesterday", false, DormancyState.Active, Today.AddDays(-1), CustomerStage.FollowUpDue },
        { "30 days without activity", false, DormancyState.FollowUpDue, null, CustomerStage.FollowUpDue },
        { "45 days, not released yet", false, DormancyState.ReleasedToPool, null, CustomerStage.FollowUpDue },
        { "180 days", false, DormancyState.Dormant, Today.AddDays(-1), CustomerStage.Dormant },
        { "an open lead first, whatever else", true, DormancyState.Dormant, Today.AddDays(-9), CustomerStage.OpenLead },
    };

    [Theory]
    [MemberData(nameof(StageCases))]
    public void A_customers_stage_is_its_open_lead_dormancy_or_late_follow_up(string because, bool openLead, DormancyState dormancy, DateOnly? actionDue, CustomerStage stage)
    {
        var facts = new CustomerStageFacts(openLead, new CustomerDormancy(dormancy, 0, Started, null), actionDue, Today);

        Assert.True(stage == CustomerStageRule.Of(facts), because);
    }

    private static readonly HashSet<string> Team = new(["rep-1", "rep-2", "rep-3", "rep-4"], StringComparer.Ordinal);
    private static readonly HashSet<string> Leaving = new(["rep-7", "rep-8"], StringComparer.Ordinal);

    public static TheoryData<string, string[], HandOverGap[]> SuccessorCases => new()
    {
        { "one of the team", ["rep-1"], [] },
        { "three of the team", ["rep-1", "rep-2", "rep-3"], [] },
        { "none", [], [HandOverGap.TooFewSuccessors] },
        { "four", ["rep-1", "rep-2", "rep-3", "rep-4"], [HandOverGap.TooManySuccessors] },
        { "the departing rep", ["rep-7"], [HandOverGap.DepartingRepAsSuccessor] },
        { "twice the same", ["rep-1", "rep-1"], [HandOverGap.DuplicateSuccessor] },
        { "a rep of another team", ["rep-1", "rep-99"], [HandOverGap.SuccessorNotInTeam] },
        { "another departing rep", ["rep-8"], [HandOverGap.SuccessorLeaving] },
    };

    [Theory]
    [MemberData(nameof(SuccessorCases))]
    public void Successors_are_one_to_three_working_reps_of_the_team_none_twice_not_the_departing_rep(string because, string[] successors, HandOverGap[] gaps) =>
        Assert.True(gaps.SequenceEqual(HandOverRule.SuccessorGaps(successors, "rep-7", Team, Leaving, Defaults)), because + ": " + string.Join(", ", HandOverRule.SuccessorGaps(successors, "rep-7", Team, Leaving, Defaults)));

    [Theory]
    [InlineData(71 * 60 + 59, false, false, 0)]
    [InlineData(72 * 60, false, true, 2)]
    [InlineData(72 * 60, true, true, 1)]
    public void A_departure_is_overdue_once_any_open_hand_over_is(int minutes, bool oneCompletedInTime, bool overdue, int overdueCount)
    {
        var open = new CustomerHandOver("C-1", "rep-7", Started, null, 0, 0, []);
        var other = open with { CustomerId = "C-2", HandedOverAt = oneCompletedInTime ? Started.AddHours(1) : null };

        var judged = DepartureHandOvers.Judge([open, other], Started.AddMinutes(minutes), Defaults);

        Assert.Equal(overdue, judged.Judged!.IsOverdue);
        Assert.Equal(overdueCount, judged.OverdueCustomers.Length);
        Assert.Equal((oneCompletedInTime ? 1 : 2, oneCompletedInTime ? 1 : 0), (judged.Open, judged.Completed));
    }

    [Fact]
    public void A_departure_whose_hand_overs_are_all_completed_is_not_overdue_even_late()
    {
        var done = new CustomerHandOver("C-1", "rep-7", Started, "Active", 0, 0, ["rep-1"], Started.AddHours(1));

        var judged = DepartureHandOvers.Judge([done], Started.AddDays(10), Defaults);

        Assert.False(judged.Judged!.IsOverdue);
        Assert.Equal((0, 1), (judged.Open, judged.Completed));
        Assert.Null(DepartureHandOvers.Judge([], Started.AddDays(10), Defaults).Judged);
    }

    [Fact]
    public void The_overdue_check_period_is_validated()
    {
        Assert.Null(new HandOverOptions { OverdueCheckEvery = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Contains("OverdueCheckEvery", new HandOverOptions { OverdueCheckEvery = TimeSpan.FromMilliseconds(500) }.Validate());
    }
}
