using System.Globalization;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Domain.Tests.Targets;

public sealed class AttributionScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static TheoryData<string, int, string> Cases => new()
    {
        // now, generate-on day (at 02:00 chain time), latest month due
        { "2026-12-01T01:59:59+08:00", 1, "2026-10-01" },
        { "2026-12-01T02:00:00+08:00", 1, "2026-11-01" },
        { "2026-11-30T18:00:00+00:00", 1, "2026-11-01" }, // 02:00 on the 1st in Shanghai is 18:00 UTC the day before
        { "2026-12-04T23:00:00+08:00", 5, "2026-10-01" },
        { "2026-12-05T02:00:00+08:00", 5, "2026-11-01" },
        { "2027-01-01T03:00:00+08:00", 1, "2026-12-01" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_month_before_is_due_from_the_generate_day_in_chain_time(string now, int day, string due)
    {
        var latest = AttributionSchedule.LatestDue(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture), Shanghai, new AttributionOptions { GenerateOnDay = day });

        Assert.Equal(DateOnly.Parse(due, CultureInfo.InvariantCulture), latest);
    }

    public static TheoryData<AttributionOptions, string?> Settings => new()
    {
        { new AttributionOptions(), null },
        { new AttributionOptions { GenerateOnDay = 6 }, "GenerateOnDay" },
        { new AttributionOptions { GenerateOnDay = 0 }, "GenerateOnDay" },
        { new AttributionOptions { ProfileWeeks = 0 }, "ProfileWeeks" },
        { new AttributionOptions { OfflineMinimum = TimeSpan.FromDays(2) }, "OfflineMinimum" },
        { new AttributionOptions { CalibrationTolerance = 1m }, "CalibrationTolerance" },
        { new AttributionOptions { QualityMonths = 1 }, "QualityMonths" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Settings_are_checked_and_name_the_key_at_fault(AttributionOptions options, string? key)
    {
        var problem = options.Validate();

        if (key is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains($"Targets:Attribution:{key}", problem, StringComparison.Ordinal);
        }
    }
}
