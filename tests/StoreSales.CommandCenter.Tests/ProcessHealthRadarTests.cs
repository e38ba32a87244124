using Bunit;
using StoreSales.CommandCenter.Components.SalesForce;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// The rep's weekly radar shows RepProcessHealth's verdicts (docs/domain.md "Rep process health") in words beside the
/// shape: at the target is met, below it missed, a week with nothing to measure neither.
/// </summary>
public sealed class ProcessHealthRadarTests : BoardComponentContext
{
    [Fact]
    public void Each_measure_shows_its_share_its_counts_and_its_verdict()
    {
        // 17 of 20 leads answered in time is 85 % (met exactly); 11 of 12 follow-ups is 91.7 % (missed, target 92 %);
        // no customers: nothing to measure.
        var report = RepProcessHealth.Evaluate(new ProcessHealthCounts(20, 17, 12, 11, 0, 0), new ProcessHealthOptions());

        var radar = Render<ProcessHealthRadar>(p => p.Add(x => x.Report, report));

        var leads = radar.Find("[data-testid=metric-LeadResponse]");
        Assert.Equal("Met", leads.GetAttribute("data-verdict"));
        Assert.Contains("17 of 20; target 85%", leads.TextContent, StringComparison.Ordinal);
        Assert.Equal("Missed", radar.Find("[data-testid=metric-FollowUpClosure]").GetAttribute("data-verdict"));
        Assert.Contains("missed", radar.Find("[data-testid=metric-FollowUpClosure]").TextContent, StringComparison.Ordinal);
        var profiles = radar.Find("[data-testid=metric-ProfileCompleteness]");
        Assert.Equal("NoData", profiles.GetAttribute("data-verdict"));
        Assert.Contains("nothing to measure", profiles.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_weeks_shape_reaches_each_axis_at_its_share()
    {
        // Every measure at 100 %: the week's triangle is the rim (radius 90), its first corner straight up.
        var report = RepProcessHealth.Evaluate(new ProcessHealthCounts(4, 4, 4, 4, 4, 4), new ProcessHealthOptions());

        var radar = Render<ProcessHealthRadar>(p => p.Add(x => x.Report, report));

        Assert.StartsWith("0,-90 ", radar.Find("polygon.radar-week").GetAttribute("points"), StringComparison.Ordinal);
    }
}
