using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Domain.Targets;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class RepTargetRuleTests
{
    private static readonly TargetStatus RedBehind = new(TargetBand.Red, PaceDirection.Behind, -0.4m);
    private static readonly TargetStatus RedAhead = new(TargetBand.Red, PaceDirection.Ahead, 0.3m);
    private static readonly TargetStatus YellowBehind = new(TargetBand.Yellow, PaceDirection.Behind, -0.1m);
    private static readonly TargetStatus Green = new(TargetBand.Green, PaceDirection.OnPace, 0.01m);

    public static TheoryData<string, TargetStatus, TargetStatus, bool, TargetPeriod, TargetStatus> Cases => new()
    {
        { "day red behind: the day", RedBehind, Green, true, TargetPeriod.Day, RedBehind },
        { "both red behind: the day (one episode)", RedBehind, RedBehind with { Deviation = -0.2m }, true, TargetPeriod.Day, RedBehind },
        { "month red behind, day yellow: the month", YellowBehind, RedBehind, true, TargetPeriod.Month, RedBehind },
        { "month red behind, day pending (morning): the month", TargetStatus.Pending, RedBehind, true, TargetPeriod.Month, RedBehind },
        { "day red ahead, month green: the day, no intervention", RedAhead, Green, true, TargetPeriod.Day, RedAhead },
        { "both yellow behind: the day, no intervention", YellowBehind, YellowBehind, true, TargetPeriod.Day, YellowBehind },
        { "departed, red behind: nothing to judge", RedBehind, RedBehind, false, TargetPeriod.Day, TargetStatus.Pending },
    };

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_closed_store_quiets_its_reps_alert(bool closed, bool needsIntervention)
    {
        var judged = RepTargetRule.ForAlert(RedBehind, RedBehind, active: true, storeClosedByEvent: closed);

        Assert.Equal(needsIntervention, judged.Status.NeedsIntervention);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_alert_looks_at_the_day_then_the_month(string because, TargetStatus day, TargetStatus month, bool active, TargetPeriod period, TargetStatus status)
    {
        var judged = RepTargetRule.ForAlert(day, month, active);

        Assert.True(new RepTargetJudgement(period, status) == judged, because);
        Assert.Equal(status.NeedsIntervention, judged.Status.NeedsIntervention);
    }
}
