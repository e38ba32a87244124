using System.Collections.Immutable;
using Bunit;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Components.Boards;
using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Tests;

/// <summary>What a store manager reads off the TV from across the shop: today's word, actual, expected, gap; devices only when one is down.</summary>
public sealed class KioskBoardTests : BoardComponentContext
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void Today_reads_as_status_word_actual_expected_and_the_gap_between_them()
    {
        var kiosk = Render<KioskBoard>(p => p.Add(x => x.Progress, Progress([Device("T01", online: true)])).Add(x => x.OfflineAfter, TimeSpan.FromMinutes(2)));

        Assert.Contains("Behind", kiosk.Find(".kiosk-today [data-testid=status]").TextContent);
        Assert.Equal("¥12,000", kiosk.Find(".kiosk-main-figure").TextContent);
        Assert.Equal("¥15,000", kiosk.Find(".kiosk-today [data-testid=expected]").TextContent);
        Assert.StartsWith("−¥3,000", kiosk.Find(".kiosk-today [data-testid=gap]").TextContent);
    }

    [Fact]
    public void Devices_take_room_on_the_TV_only_while_one_is_offline()
    {
        var allOnline = Render<KioskBoard>(p => p.Add(x => x.Progress, Progress([Device("T01", online: true)])).Add(x => x.OfflineAfter, TimeSpan.FromMinutes(2)));
        var oneDown = Render<KioskBoard>(p => p.Add(x => x.Progress, Progress([Device("T01", online: true), Device("T02", online: false)])).Add(x => x.OfflineAfter, TimeSpan.FromMinutes(2)));

        Assert.Empty(allOnline.FindAll("[data-testid=devices]"));
        Assert.Single(oneDown.FindAll("[data-testid=devices]"));
        Assert.Equal("false", oneDown.Find("[data-testid=device][data-terminal=T02]").GetAttribute("data-online"));
    }

    private static DeviceStatus Device(string terminal, bool online) => new(terminal, "till", online, Now, Now);

    private static StoreProgress Progress(ImmutableArray<DeviceStatus> devices) => new(
        "store-sh001", "Shanghai Jing'an", "region-east",
        new PeriodProgress(12_000, 30_000, 15_000, -0.2m, TargetBand.Yellow, PaceDirection.Behind, 40),
        PeriodProgress.Empty, [], Now, 1, "Asia/Shanghai", devices, Now, [], [], []);
}
