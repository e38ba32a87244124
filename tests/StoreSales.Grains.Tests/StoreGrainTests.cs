using System.Collections.Immutable;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Tests;

[Collection(GrainClusterCollection.Name)]
public sealed class StoreGrainTests(GrainClusterFixture fixture)
{
    private static readonly DateTimeOffset Now = GrainClusterFixture.Now;

    private static StoreSale Sale(string terminal, long sequence, DateTimeOffset at, decimal total, string item = "6920433218190", decimal quantity = 1) =>
        new(terminal, sequence, at, total, [new StoreSaleLine(item, quantity, total)]);

    [Fact]
    public async Task A_batch_adds_to_the_day_and_month_figures_and_hot_items()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sh001");
        ImmutableArray<StoreSale> batch =
        [
            Sale("T01", 1, Now.AddMinutes(-5), 120.50m, "6920433218190", 3),
            Sale("T01", 2, Now.AddMinutes(-3), 79.50m, "6970013389086", 1),
            Sale("T02", 1, Now.AddMinutes(-1), 300m, "6920433218190", 2),
            Sale("T02", 2, Now.AddDays(-2), 1000m), // earlier this month: month only
        ];

        var applied = await store.ApplySales(batch);
        var progress = await store.GetProgress();

        Assert.Equal(new SalesApplied(4, 0), applied);
        Assert.Equal(500m, progress.Day.Actual);
        Assert.Equal(3, progress.Day.SalesCount);
        Assert.Equal(1500m, progress.Month.Actual);
        Assert.Equal(1_800_000m, progress.Month.Target);
        Assert.Equal("6920433218190", progress.HotItems[0].ItemCode);
        Assert.Equal(5m, progress.HotItems[0].Units);
        Assert.Equal("Jasmine green tea 500ml", progress.HotItems[0].Name);
    }

    [Fact]
    public async Task A_repeated_or_overlapping_batch_counts_each_sale_once()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sh002");
        ImmutableArray<StoreSale> first = [Sale("T01", 1, Now, 10m), Sale("T01", 2, Now, 20m)];
        ImmutableArray<StoreSale> overlapping = [Sale("T01", 2, Now, 20m), Sale("T01", 3, Now, 30m)];

        await store.ApplySales(first);
        var again = await store.ApplySales(first);
        var overlap = await store.ApplySales(overlapping);
        var progress = await store.GetProgress();

        Assert.Equal(new SalesApplied(0, 2), again);
        Assert.Equal(new SalesApplied(1, 1), overlap);
        Assert.Equal(60m, progress.Day.Actual);
        Assert.Equal(3, progress.Day.SalesCount);
    }

    [Fact]
    public async Task Pace_is_judged_against_where_the_store_should_be_by_now()
    {
        // 15:00 in a 09:00–21:30 store without history: 6 of 12.5 opening hours, 48% of the day target.
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-hz001");
        var before = await store.GetProgress();
        var expected = before.Day.Expected;

        await store.ApplySales([Sale("T01", 1, Now.AddMinutes(-10), Math.Round(expected * 0.5m, 2))]);
        var behind = await store.GetProgress();
        await store.ApplySales([Sale("T01", 2, Now.AddMinutes(-5), Math.Round(expected * 0.5m, 2))]);
        var onPace = await store.GetProgress();

        // The clock keeps running from 15:00, so allow a few minutes past it.
        Assert.InRange(expected, before.Day.Target * 0.48m, before.Day.Target * 0.485m);
        Assert.Equal(TargetBand.Red, behind.Day.Status);
        Assert.Equal(PaceDirection.Behind, behind.Day.Direction);
        Assert.Equal(TargetBand.Green, onPace.Day.Status);

        // Going red behind raised one alert for the region's supervisor, with the figures of that moment.
        var alert = await fixture.Grains.GetGrain<IInterventionGrain>("store-hz001/day-behind").GetCurrent();
        Assert.NotNull(alert);
        Assert.Equal("supervisor:region-east", alert.Assignee);
        Assert.Equal(behind.Day.Actual, alert.Evidence.Actual);
        Assert.Equal("store-hz001", alert.Subject.StoreId);
    }
}
