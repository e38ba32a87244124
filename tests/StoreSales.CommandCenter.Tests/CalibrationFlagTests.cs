using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Components.Boards;
using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Tests;

/// <summary>The store board's red-ahead flag opens the store's decomposition in its own current month.</summary>
public sealed class CalibrationFlagTests
{
    private static readonly DateTimeOffset FirstOfDecemberInShanghai = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);   // 1 Dec 01:00 +08

    [Theory]
    [InlineData(TargetBand.Red, PaceDirection.Ahead, TargetBand.Green, PaceDirection.OnPace, "/targets/decomposition/region-east/2026-12?store=store-sh001")]
    [InlineData(TargetBand.Green, PaceDirection.OnPace, TargetBand.Red, PaceDirection.Ahead, "/targets/decomposition/region-east/2026-12?store=store-sh001")]
    [InlineData(TargetBand.Red, PaceDirection.Behind, TargetBand.Red, PaceDirection.Behind, null)]
    [InlineData(TargetBand.Yellow, PaceDirection.Ahead, TargetBand.Yellow, PaceDirection.Ahead, null)]
    public void Red_ahead_on_the_month_or_the_day_links_to_the_stores_decomposition(
        TargetBand month, PaceDirection monthDirection, TargetBand day, PaceDirection dayDirection, string? link)
    {
        var progress = new StoreProgress(
            "store-sh001", "Shanghai Jing'an", "region-east",
            new PeriodProgress(1m, 1m, 1m, 0m, day, dayDirection, 1),
            new PeriodProgress(1m, 1m, 1m, 0m, month, monthDirection, 1),
            [], FirstOfDecemberInShanghai, 1, "Asia/Shanghai", [], null, [], [], []);

        Assert.Equal(link, CalibrationFlag.Link(progress));
    }
}
