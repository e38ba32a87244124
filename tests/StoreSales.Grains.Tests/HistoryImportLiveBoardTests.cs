using System.Text;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;
using StoreSales.Data.History;
using StoreSales.Domain.Sales.History;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>
/// A store grain that is already live when a history import commits sales of earlier days of its current month shows
/// them at once: the import tells it (HistoryImportCatchUp) and it reads its month from the ledger again, imported tills
/// included, also when a later file brings days before those it has counted already.
/// </summary>
public sealed class HistoryImportLiveBoardTests(MovableClusterFixture fixture) : IClassFixture<MovableClusterFixture>
{
    private const string StoreId = "store-sh001";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_board_shows_imported_earlier_days_of_the_month_without_reactivating()
    {
        // The clock stands on 2026-11-11 in Shanghai (MovableClusterFixture): the 3rd and 9th are earlier days of this
        // month, 31 October is last month's and stays outside the month figure.
        var store = fixture.Cluster.Client.GetGrain<IStoreGrain>(StoreId);
        var before = await store.GetProgress();

        var first = await Import(
            "store-sh001,T01,2026-11-03 10:00:00,6901234567892,2,19.90",
            "store-sh001,T01,2026-11-03 10:00:00,6901234567893,1,5.00",
            "store-sh001,T01,2026-11-09 18:30:00,6901234567892,1,9.95",
            "store-sh001,T02,2026-10-31 12:00:00,6901234567892,4,39.80");
        var afterFirst = await store.GetProgress();

        // A second file with an earlier day for the same till: its sequences (seconds) lie below those already counted.
        var second = await Import("store-sh001,T01,2026-11-02 09:15:00,6901234567894,3,12.00");
        var afterSecond = await store.GetProgress();

        // The first file again: every sale is held already, no store is told, the figure does not move.
        var again = await Import(
            "store-sh001,T01,2026-11-03 10:00:00,6901234567892,2,19.90",
            "store-sh001,T01,2026-11-03 10:00:00,6901234567893,1,5.00",
            "store-sh001,T01,2026-11-09 18:30:00,6901234567892,1,9.95",
            "store-sh001,T02,2026-10-31 12:00:00,6901234567892,4,39.80");
        var afterAgain = await store.GetProgress();

        Assert.Equal([StoreId], first);
        Assert.Equal(before.Month.Actual + 34.85m, afterFirst.Month.Actual);
        Assert.Equal(before.Month.SalesCount + 2, afterFirst.Month.SalesCount);
        Assert.Equal(before.Day.Actual, afterFirst.Day.Actual);
        Assert.Equal([StoreId], second);
        Assert.Equal(before.Month.Actual + 46.85m, afterSecond.Month.Actual);
        Assert.Empty(again);
        Assert.Equal(afterSecond.Month.Actual, afterAgain.Month.Actual);
    }

    /// <summary>Submits the rows, writes the job's chunks and tells the live stores after each, as the worker does.</summary>
    private async Task<IReadOnlyList<string>> Import(params string[] rows)
    {
        var options = Options.Create(new HistoryImportOptions());
        var csv = string.Join('\n', [HistoryCsv.Header, .. rows]) + "\n";
        var queued = await new HistoryImportJobs(fixture.Database.DataSource, options, fixture.Clock)
            .Submit(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "history.csv", "hq", HistoryBadRows.Skip, Cancellation);
        Assert.Equal(0, Assert.IsType<HistoryImportQueued>(queued).BadRows);

        var runner = new HistoryImportRunner(fixture.Database.DataSource, fixture.Clock);
        var catchUp = new HistoryImportCatchUp(fixture.Cluster.Client, fixture.Clock);
        var told = new List<string>();
        while (await runner.RunNextChunk(Cancellation) is { } chunk)
        {
            told.AddRange(await catchUp.Tell(chunk));
        }

        return told;
    }
}
