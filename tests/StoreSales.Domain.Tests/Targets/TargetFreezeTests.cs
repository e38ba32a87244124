using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>The freeze day (目标冻结日): a month's targets are read-only from 24:00 store-local on the 25th.</summary>
public sealed class TargetFreezeTests
{
    private static readonly TargetFreezeOptions Defaults = new();
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly string[] EastAndWest = ["Asia/Urumqi", "Asia/Shanghai"];

    public static TheoryData<string, string, bool> Boundaries => new()
    {
        // Shanghai is UTC+8: 23:59:59 local on the 25th is 15:59:59 UTC; 00:00:00 on the 26th is 16:00:00 UTC.
        { "Asia/Shanghai", "2026-03-25T15:59:59Z", false },
        { "Asia/Shanghai", "2026-03-25T16:00:00Z", true },
        // Urumqi is UTC+6: the same instants are 21:59:59 and 22:00:00 local, still the 25th; it freezes two hours later.
        { "Asia/Urumqi", "2026-03-25T15:59:59Z", false },
        { "Asia/Urumqi", "2026-03-25T16:00:00Z", false },
        { "Asia/Urumqi", "2026-03-25T17:59:59Z", false },
        { "Asia/Urumqi", "2026-03-25T18:00:00Z", true },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void A_month_freezes_at_midnight_after_the_freeze_day_in_the_stores_own_zone(string zone, string utc, bool frozen)
    {
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(frozen, TargetFreeze.IsFrozen(March, TimeZoneInfo.FindSystemTimeZoneById(zone), now, Defaults));
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-03-25T23:59:59", false)]
    [InlineData("Asia/Shanghai", "2026-03-26T00:00:00", true)]
    [InlineData("Asia/Urumqi", "2026-03-25T23:59:59", false)]
    [InlineData("Asia/Urumqi", "2026-03-26T00:00:00", true)]
    public void The_boundary_read_on_the_stores_own_clock(string zone, string local, bool frozen)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var at = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        var now = new DateTimeOffset(at, timeZone.GetUtcOffset(at));

        Assert.Equal(frozen, TargetFreeze.IsFrozen(March, timeZone, now, Defaults));
    }

    [Fact]
    public void A_configured_freeze_day_moves_the_boundary()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var options = new TargetFreezeOptions { FreezeDay = 20 };

        Assert.Equal(new DateTimeOffset(2026, 3, 21, 0, 0, 0, TimeSpan.FromHours(8)), TargetFreeze.FreezesAt(March, shanghai, options));
    }

    [Fact]
    public void A_region_freezes_with_its_first_store_to_freeze()
    {
        var zones = EastAndWest.Select(TimeZoneInfo.FindSystemTimeZoneById);

        var at = RegionTargetFreeze.FreezesAt(March, zones, TimeZoneInfo.Utc, Defaults);

        Assert.Equal(new DateTimeOffset(2026, 3, 26, 0, 0, 0, TimeSpan.FromHours(8)), at);
    }

    [Fact]
    public void A_region_without_stores_freezes_in_the_chains_zone()
    {
        var chain = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi");

        Assert.Equal(new DateTimeOffset(2026, 3, 26, 0, 0, 0, TimeSpan.FromHours(6)), RegionTargetFreeze.FreezesAt(March, [], chain, Defaults));
    }

    [Theory]
    [InlineData(0, "must be between 1 and 28")]
    [InlineData(29, "must be between 1 and 28")]
    public void A_freeze_day_some_months_lack_is_refused_at_start(int day, string message)
    {
        Assert.Contains(message, new TargetFreezeOptions { FreezeDay = day }.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_approver_role_is_refused_at_start()
    {
        Assert.Contains("ApproverRole", new TargetFreezeOptions { ApproverRole = " " }.Validate(), StringComparison.Ordinal);
        Assert.Null(Defaults.Validate());
    }
}
