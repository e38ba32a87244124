using StoreSales.Abstractions.Reps;
using StoreSales.Data.StoreEvents;
using StoreSales.Domain.Targets.StoreEvents;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// A rep paces around the closures its store recorded, as the store does: told after a closure is recorded
/// (<see cref="IRepGrain.ReloadTarget"/>) it expects nothing in the closed hours and re-paces its day; told after the
/// cancellation it paces as before. The cluster's clock is Wednesday 11 November 2026, 15:00 in Shanghai, where the
/// rep's store (08:00–22:00, no history: linear pacing) is.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class RepClosureGrainTests(GrainClusterFixture fixture)
{
    private const string StoreId = "store-rep-closure";
    private const string RepId = "rep-closure-01";

    [Fact]
    public async Task A_closure_of_the_reps_store_re_paces_the_reps_day_and_its_cancellation_restores_it()
    {
        await fixture.AddStore(StoreId);
        await fixture.AddRep(RepId, StoreId, 30_000m);
        var rep = fixture.Grains.GetGrain<IRepGrain>(RepId);
        var open = await rep.GetProgress();
        Assert.Equal(1_000m, open.Day.Target); // 30,000 over November's 30 days: linear

        // 12:00–18:00 in Shanghai is 04:00–10:00 UTC: under way at 15:00. Today keeps 8 of its 14 open hours.
        var book = new StoreEventBook(fixture.Database.DataSource, TimeProvider.System);
        var closure = await book.Record(
            StoreId,
            new StoreEventSpec(StoreEventKinds.Outage, new DateTimeOffset(2026, 11, 11, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 11, 10, 0, 0, TimeSpan.Zero), true, null, "power cut"),
            "test",
            TestContext.Current.CancellationToken);
        await rep.ReloadTarget();
        var closed = await rep.GetProgress();

        var dayTarget = Math.Round(30_000m * (8m / 14m) / (29m + (8m / 14m)), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(dayTarget, closed.Day.Target);
        // 08:00–12:00 open so far: half of today's open hours, however long the test takes inside the closure.
        Assert.Equal(Math.Round(dayTarget / 2, 2, MidpointRounding.AwayFromZero), closed.Day.Expected, 1);
        Assert.Equal(30_000m, closed.Month.Target);

        await book.Cancel(closure.EventId, "test", TestContext.Current.CancellationToken);
        await rep.ReloadTarget();
        var reopened = await rep.GetProgress();

        Assert.Equal(1_000m, reopened.Day.Target);
        Assert.InRange(reopened.Day.Expected, 500m, 520m);
    }

    [Fact]
    public async Task A_rep_woken_inside_a_recorded_closure_paces_around_it_from_the_start()
    {
        const string storeId = "store-rep-closure-b";
        const string repId = "rep-closure-02";
        await fixture.AddStore(storeId);
        await fixture.AddRep(repId, storeId, 30_000m);
        // The whole of today's opening hours, 08:00–22:00 Shanghai: nothing is expected of the rep today.
        await new StoreEventBook(fixture.Database.DataSource, TimeProvider.System).Record(
            storeId,
            new StoreEventSpec(StoreEventKinds.WeatherClosure, new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 11, 14, 0, 0, TimeSpan.Zero), true, null, "typhoon"),
            "test",
            TestContext.Current.CancellationToken);

        var progress = await fixture.Grains.GetGrain<IRepGrain>(repId).GetProgress();

        Assert.Equal((0m, 0m), (progress.Day.Target, progress.Day.Expected));
        Assert.Equal(30_000m, progress.Month.Target);
    }
}
