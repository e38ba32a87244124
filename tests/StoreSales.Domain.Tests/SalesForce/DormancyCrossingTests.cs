using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class DormancyCrossingTests
{
    // Last activity 1 March 2026 17:00 in Shanghai: 30 days are reached at 31 March 00:00 local, 180 at 28 August 00:00.
    private static readonly DateTimeOffset LastActivity = ChainTime.At(2026, 3, 1, 17, 0);

    [Theory]
    [InlineData("2026-03-30T01:00:00+08:00", "2026-03-30T23:59:00+08:00", false)] // day 29 all along: not crossed
    [InlineData("2026-03-30T23:00:00+08:00", "2026-03-31T00:00:00+08:00", true)]  // the sweep at local midnight of day 30
    [InlineData("2026-03-30T23:00:00+08:00", "2026-03-31T00:59:00+08:00", true)]  // the first sweep of day 30
    [InlineData("2026-03-31T00:00:00+08:00", "2026-03-31T01:00:00+08:00", false)] // already told by the midnight sweep
    [InlineData("2026-03-25T10:00:00+08:00", "2026-04-02T10:00:00+08:00", true)]  // a silo down for a week: still told once up
    [InlineData("2026-03-31T10:00:00+08:00", "2026-04-01T10:00:00+08:00", false)] // day 30 to 31: crossed at an earlier sweep
    public void A_customer_is_in_the_window_of_the_one_sweep_that_spans_its_30th_midnight(string sweptUntil, string now, bool crossed)
    {
        var window = DormancyCrossing.Window(ChainTime.Parse(sweptUntil), ChainTime.Parse(now), 30, ChainTime.Zone);

        Assert.Equal(crossed, window is not null && window.From <= LastActivity && LastActivity < window.To);
    }

    [Theory]
    [InlineData(30, "2026-03-31T00:30:00+08:00", "2026-03-01T00:00:00+08:00", "2026-03-02T00:00:00+08:00")]
    [InlineData(180, "2026-08-28T00:30:00+08:00", "2026-03-01T00:00:00+08:00", "2026-03-02T00:00:00+08:00")]
    public void The_window_is_the_local_days_whose_activity_reaches_the_rung_since_the_last_sweep(int days, string now, string from, string to)
    {
        var window = DormancyCrossing.Window(ChainTime.Parse(now) - TimeSpan.FromHours(1), ChainTime.Parse(now), days, ChainTime.Zone);

        Assert.Equal((ChainTime.Parse(from), ChainTime.Parse(to)), (window!.From, window.To));
    }

    [Fact]
    public void Every_customer_that_crosses_is_told_by_exactly_one_of_a_run_of_hourly_sweeps()
    {
        var sweeps = Enumerable.Range(0, 24 * 40).Select(h => ChainTime.At(2026, 3, 20).AddHours(h)).ToList();
        var activities = Enumerable.Range(0, 24 * 5).Select(h => ChainTime.At(2026, 2, 25, 0, 17).AddHours(h)).ToList();

        foreach (var activity in activities)
        {
            var toldBy = sweeps.Skip(1).Where((now, i) => DormancyCrossing.Window(sweeps[i], now, 30, ChainTime.Zone) is { } w && w.From <= activity && activity < w.To).ToList();
            var reached = ChainCalendar.StartOf(ChainCalendar.DateOf(activity, ChainTime.Zone).AddDays(30), ChainTime.Zone);

            var sweep = Assert.Single(toldBy);
            Assert.True(sweep >= reached && sweep - reached < TimeSpan.FromHours(1), $"activity {activity:u}: told at {sweep:u}, reached {reached:u}");
        }
    }
}
