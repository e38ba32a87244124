using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Domain.Tests.SalesForce;

public sealed class NightlyGradingScheduleTests
{
    private static readonly TimeOnly TwoAm = new(2, 0);

    public static TheoryData<string, string, string?, string?> Cases => new()
    {
        // now (chain time), last date graded, date due (null: nothing to do)
        { "01:59: today's run is not due, yesterday's is done", "2026-12-05T01:59:59+08:00", "2026-12-04", null },
        { "02:00 exactly: today's run is due", "2026-12-05T02:00:00+08:00", "2026-12-04", "2026-12-05" },
        { "a re-run the same night does nothing", "2026-12-05T02:01:00+08:00", "2026-12-05", null },
        { "back at 01:00 after missing yesterday's 02:00: yesterday's runs", "2026-12-05T01:00:00+08:00", "2026-12-03", "2026-12-04" },
        { "back at 10:00 after three nights down: only the latest date runs", "2026-12-05T10:00:00+08:00", "2026-12-01", "2026-12-05" },
        { "the very first run", "2026-12-05T03:00:00+08:00", null, "2026-12-05" },
        { "UTC evening is the chain's morning: 18:30 UTC is 02:30 in Shanghai", "2026-12-04T18:30:00+00:00", "2026-12-04", "2026-12-05" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_date_is_due_once_its_nightly_time_has_passed_and_until_it_is_graded(string because, string now, string? lastGraded, string? due)
    {
        var next = NightlyGradingSchedule.DueNow(
            ChainTime.Parse(now),
            ChainTime.Zone,
            TwoAm,
            lastGraded is null ? null : DateOnly.Parse(lastGraded, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True((due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture)) == next, $"{because}: {next}");
    }

    [Fact]
    public void The_nightly_time_is_configuration_and_defaults_to_two_in_the_morning()
    {
        Assert.Equal(TwoAm, new CustomerGradingOptions().NightlyAt);
        Assert.Equal(new DateOnly(2026, 12, 4), NightlyGradingSchedule.LatestDue(ChainTime.At(2026, 12, 5, 4, 59), ChainTime.Zone, new TimeOnly(5, 0)));
    }
}
