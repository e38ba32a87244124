using System.Collections.Immutable;
using Dapper;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Stores;
using StoreSales.Testing;
using StoreSales.Data.StoreEvents;
using StoreSales.Domain.Targets.StoreEvents;

namespace StoreSales.Grains.Tests;

/// <summary>
/// The store grain paces around the closures its store recorded, in the store's own zone: told after a closure is
/// recorded (<see cref="IStoreGrain.ReloadTarget"/>) it shows the closure under way and re-paces; told after the
/// cancellation it paces as before. The cluster's clock is Wednesday 11 November 2026, 15:00 in Shanghai: 13:00 in
/// Urumqi (UTC+6), where this test's store is.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class StoreClosureGrainTests(GrainClusterFixture fixture)
{
    private const string StoreId = "store-ur001";

    [Fact]
    public async Task A_closure_under_way_in_the_stores_own_zone_re_paces_the_day_and_its_cancellation_restores_it()
    {
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO region (region_id, name) VALUES ('region-closure-test', 'Closure test') ON CONFLICT DO NOTHING;
                INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
                VALUES ('store-ur001', 'Urumqi 1', 'region-closure-test', 43.8, 87.6, 'Asia/Urumqi', '08:00', '22:00') ON CONFLICT DO NOTHING;
                INSERT INTO store_target (store_id, month, amount) VALUES ('store-ur001', '2026-11-01', 300000) ON CONFLICT DO NOTHING;
                """);
        }

        var store = fixture.Grains.GetGrain<IStoreGrain>(StoreId);
        var open = await store.GetProgress();
        Assert.Null(open.ClosedBy);
        Assert.Equal(10_000m, open.Day.Target); // 300,000 over 30 days, no history: linear

        // 12:00–18:00 in Urumqi is 06:00–12:00 UTC: under way at 13:00 local. Today keeps 8 of its 14 open hours.
        var book = new StoreEventBook(fixture.Database.DataSource, TimeProvider.System);
        var closure = await book.Record(
            StoreId,
            new StoreEventSpec(StoreEventKinds.WeatherClosure, new DateTimeOffset(2026, 11, 11, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 11, 12, 0, 0, TimeSpan.Zero), true, null, "sandstorm"),
            "test",
            TestContext.Current.CancellationToken);
        await store.ReloadTarget();
        var closed = await store.GetProgress();

        Assert.Equal(closure.EventId, closed.ClosedBy?.EventId);
        var dayTarget = Math.Round(300_000m * (8m / 14m) / (29m + (8m / 14m)), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(dayTarget, closed.Day.Target);
        // 08:00–12:00 open so far: half of today's open hours, however long the test takes inside the closure.
        Assert.Equal(Math.Round(dayTarget / 2, 2, MidpointRounding.AwayFromZero), closed.Day.Expected, 1);
        Assert.Equal(300_000m, closed.Month.Target);
        Assert.All(closed.Hours.Where(h => h.Hour is >= 12 and < 18), h => Assert.Equal(0m, h.Expected));
        Assert.True(closed.Hours.Single(h => h.Hour == 11).Expected > 0);
        Assert.Contains(closed.Events, e => e.EventId == closure.EventId && e.Note == "sandstorm");

        await book.Cancel(closure.EventId, "test", TestContext.Current.CancellationToken);
        await store.ReloadTarget();
        var reopened = await store.GetProgress();

        Assert.Null(reopened.ClosedBy);
        Assert.Equal(10_000m, reopened.Day.Target);
        Assert.Empty(reopened.Events);
    }

    [Fact]
    public async Task A_till_off_inside_a_recorded_closure_raises_nothing_and_raises_once_the_closure_is_cancelled()
    {
        const string storeId = "store-ur002";
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO region (region_id, name) VALUES ('region-closure-test', 'Closure test') ON CONFLICT DO NOTHING;
                INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
                VALUES ('store-ur002', 'Urumqi 2', 'region-closure-test', 43.8, 87.6, 'Asia/Urumqi', '08:00', '22:00') ON CONFLICT DO NOTHING;
                """);
        }

        // Closed 12:00–18:00 Urumqi time, under way at the cluster's 13:00 there (open hours otherwise).
        var book = new StoreEventBook(fixture.Database.DataSource, TimeProvider.System);
        var closure = await book.Record(
            storeId,
            new StoreEventSpec(StoreEventKinds.Outage, new DateTimeOffset(2026, 11, 11, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 11, 12, 0, 0, TimeSpan.Zero), true, null, "power cut"),
            "test",
            TestContext.Current.CancellationToken);
        var store = fixture.Grains.GetGrain<IStoreGrain>(storeId);
        var alert = fixture.Grains.GetGrain<IInterventionGrain>($"{storeId}/device-offline-T01-till");
        var now = GrainClusterFixture.Now;
        var heartbeat = new StoreHeartbeat("store-pc", "1.0.0", now, 0, null, 0, null, TimeSpan.Zero,
            [new DeviceReport("T01", "till", "/dev/serial/by-id/T01-till", false, null, ImmutableDictionary<string, long>.Empty)]);

        // Keep reporting the till off until it has been off well past DeviceOfflineAlertAfter (1 s in this cluster).
        var offSince = DateTimeOffset.UtcNow;
        await Eventually.Until(
            async () =>
            {
                await store.ReportHeartbeat(heartbeat);
                return DateTimeOffset.UtcNow - offSince;
            },
            off => off > TimeSpan.FromSeconds(2));
        var duringClosure = await alert.GetCurrent();

        await book.Cancel(closure.EventId, "test", TestContext.Current.CancellationToken);
        await store.ReloadTarget();
        var afterCancel = await Eventually.Until(
            async () =>
            {
                await store.ReportHeartbeat(heartbeat);
                return await alert.GetCurrent();
            },
            a => a is not null);

        Assert.Null(duringClosure);
        Assert.NotNull(afterCancel);
    }
}
