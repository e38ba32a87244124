using Bunit;
using StoreSales.CommandCenter.Components.SalesForce;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// The golden 48 hours as a rep reads them on the board (docs/domain.md "Golden 48 hours"): time left up to the last
/// minute, overdue and red from 48:00 exactly, and the window from configuration.
/// </summary>
public sealed class LeadCountdownTests : BoardComponentContext
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Assigned = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(0, "Waiting", "48:00 left")]
    [InlineData(47 * 60 + 59, "Waiting", "0:01 left")]
    [InlineData(48 * 60, "Overdue", "Overdue since 2026-12-03 09:00")]
    [InlineData(50 * 60, "Overdue", "Overdue since 2026-12-03 09:00")]
    public void Counts_down_to_the_last_minute_and_is_overdue_at_48_hours(int minutesSinceAssignment, string status, string text)
    {
        var countdown = Render(Assigned.AddMinutes(minutesSinceAssignment), new GoldenHoursOptions());

        var shown = countdown.Find("[data-testid=countdown]");
        Assert.Equal(status, shown.GetAttribute("data-status"));
        Assert.Equal(text, shown.TextContent.Trim());
        Assert.Equal(status == "Overdue", shown.ClassList.Contains("countdown-overdue"));
    }

    [Fact]
    public void Half_a_minute_left_still_reads_as_a_minute_never_zero()
    {
        var countdown = Render(Assigned.AddHours(48).AddSeconds(-30), new GoldenHoursOptions());

        Assert.Equal("0:01 left", countdown.Find("[data-testid=countdown]").TextContent.Trim());
    }

    [Fact]
    public void The_window_is_the_configured_one()
    {
        var countdown = Render(Assigned.AddHours(23), new GoldenHoursOptions { FirstContactWithin = TimeSpan.FromHours(24) });

        Assert.Equal("1:00 left", countdown.Find("[data-testid=countdown]").TextContent.Trim());
    }

    [Fact]
    public void A_contacted_lead_shows_no_countdown_any_more()
    {
        var countdown = Render<LeadCountdown>(p => p
            .Add(x => x.AssignedAt, Assigned)
            .Add(x => x.FirstContactAt, Assigned.AddHours(47))
            .Add(x => x.Now, Assigned.AddHours(60))
            .Add(x => x.Options, new GoldenHoursOptions())
            .Add(x => x.Zone, Shanghai));

        var shown = countdown.Find("[data-testid=countdown]");
        Assert.Equal("ContactedInTime", shown.GetAttribute("data-status"));
        Assert.Equal("Contacted in time", shown.TextContent.Trim());
    }

    private IRenderedComponent<LeadCountdown> Render(DateTimeOffset now, GoldenHoursOptions options) =>
        Render<LeadCountdown>(p => p
            .Add(x => x.AssignedAt, Assigned)
            .Add(x => x.Now, now)
            .Add(x => x.Options, options)
            .Add(x => x.Zone, Shanghai));
}

/// <summary>The countdown for a Chinese-speaking rep.</summary>
public sealed class LeadCountdownInChineseTests() : BoardComponentContext("zh-CN")
{
    [Fact]
    public void Reads_in_Chinese()
    {
        var assigned = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var countdown = Render<LeadCountdown>(p => p
            .Add(x => x.AssignedAt, assigned)
            .Add(x => x.Now, assigned.AddMinutes(47 * 60 + 59))
            .Add(x => x.Options, new GoldenHoursOptions())
            .Add(x => x.Zone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

        Assert.Equal("剩余 0:01", countdown.Find("[data-testid=countdown]").TextContent.Trim());
    }
}
