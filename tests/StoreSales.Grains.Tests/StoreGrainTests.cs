using System.Collections.Immutable;
using StoreSales.Abstractions.Interventions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.Chain;
using StoreSales.Data.Ledger;
using StoreSales.Testing;
using StoreSales.Domain.Targets;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Grains.Tests;

[Collection(GrainClusterCollection.Name)]
public sealed class StoreGrainTests(GrainClusterFixture fixture)
{
    private static readonly DateTimeOffset Now = GrainClusterFixture.Now;

    private static StoreSale StoreSaleOf(string terminal, long sequence, DateTimeOffset at, decimal total, string item = "6920433218190", decimal quantity = 1) =>
        new(terminal, sequence, at, total, [new StoreSaleLine(item, quantity, total)]);

    [Fact]
    public async Task A_batch_adds_to_the_day_and_month_figures_and_hot_items()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sh001");
        ImmutableArray<StoreSale> batch =
        [
            StoreSaleOf("T01", 1, Now.AddMinutes(-5), 120.50m, "6920433218190", 3),
            StoreSaleOf("T01", 2, Now.AddMinutes(-3), 79.50m, "6970013389086", 1),
            StoreSaleOf("T02", 1, Now.AddMinutes(-1), 300m, "6920433218190", 2),
            StoreSaleOf("T02", 2, Now.AddDays(-2), 1000m), // earlier this month: month only
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
        // 14:55–14:59 store time: all of today's 500 in the 14:00 hour of the hourly chart, with its expectation.
        Assert.Equal(500m, progress.Hours.Single(h => h.Hour == 14).Actual);
        Assert.Equal(500m, progress.Hours.Sum(h => h.Actual));
        Assert.True(progress.Hours.Single(h => h.Hour == 14).Expected > 0);
        Assert.Equal(0m, progress.Hours.Single(h => h.Hour == 3).Expected);
        // The ticker: newest first.
        Assert.Equal([("T02", 1L), ("T01", 2L), ("T01", 1L), ("T02", 2L)], progress.RecentSales.Select(r => (r.TerminalId, r.Sequence)).ToArray());
        Assert.Equal(3m, progress.RecentSales[2].Units);
    }

    [Fact]
    public async Task A_repeated_or_overlapping_batch_counts_each_sale_once()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sh002");
        ImmutableArray<StoreSale> first = [StoreSaleOf("T01", 1, Now, 10m), StoreSaleOf("T01", 2, Now, 20m)];
        ImmutableArray<StoreSale> overlapping = [StoreSaleOf("T01", 2, Now, 20m), StoreSaleOf("T01", 3, Now, 30m)];

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

        await store.ApplySales([StoreSaleOf("T01", 1, Now.AddMinutes(-10), Math.Round(expected * 0.5m, 2))]);
        var behind = await store.GetProgress();
        await store.ApplySales([StoreSaleOf("T01", 2, Now.AddMinutes(-5), Math.Round(expected * 0.5m, 2))]);
        var onPace = await store.GetProgress();

        // The clock keeps running from 15:00, so allow a few minutes past it.
        Assert.InRange(expected, before.Day.Target * 0.48m, before.Day.Target * 0.485m);
        Assert.Equal(TargetBand.Red, behind.Day.Status);
        Assert.Equal(PaceDirection.Behind, behind.Day.Direction);
        Assert.Equal(TargetBand.Green, onPace.Day.Status);

        // Being red behind raised one alert for the region's supervisor, with the figures of the moment it was judged
        // (off the ack path, by a timer of the grain: that may be before the first sale, when the store had nothing).
        var alert = await Eventually.Until(fixture.Grains.GetGrain<IInterventionGrain>("store-hz001/day-behind").GetCurrent, a => a is not null);
        Assert.NotNull(alert);
        Assert.Equal("supervisor:region-east", RaisedAssignee.Of(alert));
        Assert.InRange(alert.Evidence.Actual!.Value, 0m, behind.Day.Actual);
        Assert.True(alert.Evidence.Deviation < -0.15m, $"raised at a deviation of {alert.Evidence.Deviation}");
        Assert.Equal("store-hz001", alert.Subject.StoreId);
    }

    [Fact]
    public async Task Hot_items_are_ranked_by_lift_against_the_usual_velocity_of_this_hour_of_the_week()
    {
        // A store of its own, so its ledger history is in place before its grain first activates.
        const string StoreId = "store-hot-lift";
        const string Tea = "6920433218190";
        const string Cola = "6970013389086";
        const string Noodles = "6901234567892";
        await fixture.AddStore(StoreId);

        // Wednesdays 15:10 in the four weeks before: tea 10 a week, cola 1 in two of the weeks; Tuesday 15:10 a
        // week ago (another weekday) and Wednesday 16:10 (another hour) do not count.
        var ledger = new SaleLedger(fixture.Database.DataSource);
        var history = new List<StoreSales.Contracts.Ingest.SaleRecord>();
        var sequence = 0L;
        for (var week = 1; week <= 4; week++)
        {
            var at = Now.AddDays(-7 * week).AddMinutes(10);
            history.Add(Sale("HIST", ++sequence, at, (Tea, 10, 3.5m)));
            if (week <= 2)
            {
                history.Add(Sale("HIST", ++sequence, at.AddMinutes(5), (Cola, 1, 4m)));
            }
        }

        history.Add(Sale("HIST", ++sequence, Now.AddDays(-8).AddMinutes(10), (Noodles, 50, 5m)));
        history.Add(Sale("HIST", ++sequence, Now.AddDays(-7).AddHours(1).AddMinutes(10), (Noodles, 50, 5m)));
        await ledger.Append(StoreId, history, TestContext.Current.CancellationToken);

        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);
        await store.ApplySales(
        [
            new("T01", 1, Now.AddMinutes(-20), 42m, [new StoreSaleLine(Tea, 12, 42m)]),
            new("T01", 2, Now.AddMinutes(-15), 24m, [new StoreSaleLine(Cola, 6, 24m)]),
            new("T01", 3, Now.AddMinutes(-10), 15m, [new StoreSaleLine(Noodles, 3, 15m)]),
        ]);
        var hot = (await store.GetProgress()).HotItems;

        // Lifts (units + 2) / (usual + 2): cola 8 / 2.5 = 3.2, noodles 5 / 2 = 2.5, tea 14 / 12 ≈ 1.17.
        // By raw units tea would lead; by lift it is last and, selling about as usual, not hot.
        Assert.Equal([Cola, Noodles, Tea], hot.Select(h => h.ItemCode));
        Assert.Equal([3.2m, 2.5m, 1.1667m], hot.Select(h => h.Lift));
        Assert.Equal([0.5m, 0m, 10m], hot.Select(h => h.UsualUnitsPerHour));
        Assert.Equal([6m, 3m, 12m], hot.Select(h => h.Units));
        Assert.Equal([true, true, false], hot.Select(h => h.IsHot));
    }

    [Fact]
    public async Task A_store_without_history_still_ranks_its_items_with_a_finite_lift()
    {
        const string StoreId = "store-hot-new";
        await fixture.AddStore(StoreId);
        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);

        await store.ApplySales(
        [
            new("T01", 1, Now.AddMinutes(-5), 10m, [new StoreSaleLine("6920433218190", 1, 10m)]),
            new("T01", 2, Now.AddMinutes(-4), 40m, [new StoreSaleLine("6970013389086", 4, 40m)]),
        ]);
        var hot = (await store.GetProgress()).HotItems;

        // (4 + 2) / 2 = 3 and hot; one unit: (1 + 2) / 2 = 1.5 but below the minimum of 3 units, so not hot.
        Assert.Equal([("6970013389086", 3m, true), ("6920433218190", 1.5m, false)], hot.Select(h => (h.ItemCode, h.Lift, h.IsHot)));
        Assert.All(hot, h => Assert.Equal(0m, h.UsualUnitsPerHour));
    }
}

/// <summary>
/// A small cluster of its own whose clock a test can move forward, so a live store grain sees its local hour change.
/// Only what the store's hot-item path needs: master data and the ledger on PostgreSQL, memory grain storage.
/// </summary>
public sealed class MovableClusterFixture : IAsyncLifetime
{
    /// <summary>
    /// Wednesday 15:55 in Shanghai: five minutes before the store-local hour changes, room enough for the cluster to
    /// start on a busy machine before the test moves the clock past 16:00 itself.
    /// </summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 15, 55, 0, TimeSpan.FromHours(8));

    public MovableClock Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("grainhour");
        var builder = new InProcessTestClusterBuilder(1);
        var (database, clock) = (Database, Clock);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            host.Services.AddSingleton<IChainDirectory>(new PgChainDirectory(database.DataSource));
            host.Services.AddSingleton<IStoreLedgerReader>(new PgStoreLedgerReader(database.DataSource));
            host.Services.AddSingleton<Abstractions.StoreEvents.IStoreClosureReader>(new Data.StoreEvents.PgStoreClosureReader(database.DataSource));
        });
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(GrainStorageNames.Live));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Real time moved to a chosen moment, like <see cref="ShiftedClock"/>, that a test can also move forward.</summary>
public sealed class MovableClock(DateTimeOffset pretendNow) : TimeProvider
{
    private long _offsetTicks = (pretendNow - DateTimeOffset.UtcNow).Ticks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

public sealed class StoreHotItemHourTests(MovableClusterFixture fixture) : IClassFixture<MovableClusterFixture>
{
    [Fact]
    public async Task The_usual_velocity_follows_the_store_local_hour_of_a_live_grain()
    {
        const string StoreId = "store-sh001";
        const string Cola = "6970013389086";
        var start = MovableClusterFixture.Start;

        // Previous Wednesdays: no cola between 15:00 and 16:00, 10 colas a week between 16:00 and 17:00.
        await new SaleLedger(fixture.Database.DataSource).Append(
            StoreId,
            [.. Enumerable.Range(1, 4).Select(k => Sale("HIST", k, start.AddDays(-7 * k).AddMinutes(11), (Cola, 10, 4m)))],
            TestContext.Current.CancellationToken);
        var store = fixture.Cluster.Client.GetGrain<IStoreGrain>(StoreId);
        await store.ApplySales([new("T01", 1, start.AddMinutes(-10), 12m, [new StoreSaleLine(Cola, 3, 12m)])]);

        var before = (await store.GetProgress()).HotItems.Single();
        fixture.Clock.Advance(TimeSpan.FromMinutes(7));
        var after = (await store.GetProgress()).HotItems.Single();

        // Before 16:00: usual 0, lift (3 + 2) / 2. After: the same 3 colas against 10 usual, (3 + 2) / (10 + 2).
        Assert.Equal((3m, 0m, 2.5m, true), (before.Units, before.UsualUnitsPerHour, before.Lift, before.IsHot));
        Assert.Equal((3m, 10m, 0.4167m, false), (after.Units, after.UsualUnitsPerHour, after.Lift, after.IsHot));
    }
}
