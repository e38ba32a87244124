using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Components.Boards;
using StoreSales.Data.Demo;
using StoreSales.Testing;

namespace StoreSales.Browser.Tests;

public sealed class StoreListTests(BrowserFixture fixture)
{
    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task The_index_lists_every_demo_store_with_its_region_and_its_status_in_words()
    {
        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Headquarters);
        StoreRow[] rows = [];
        await fixture.AssertListsTheStoresOfMasterData(regionId: null, async () =>
        {
            var list = await new StoreListPage(session).Open();
            rows = [.. await list.ReadRows()];
            return rows.Select(r => r.StoreId);
        });
        await session.Screenshots.Take("store-list");

        var chain = DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain);
        var regionNames = chain.Regions.ToDictionary(r => r.Id, r => r.Name);
        Assert.Equal(
            chain.Stores.Select(s => (s.Id, s.Name, Region: regionNames[s.RegionId])).OrderBy(s => s.Id),
            rows.Where(r => chain.Stores.Any(s => s.Id == r.StoreId))
                .Select(r => (r.StoreId, r.Name, r.Region)).OrderBy(r => r.StoreId));

        // Each row states the status the system holds for that store, as words with a symbol, not colour alone. Other
        // tests sell in the demo stores while this one runs, so a status may move between the page's read and the API's:
        // the two are compared until they are read at the same status (a row that states a wrong one never matches).
        using var http = await fixture.CommandCenter.CreateSignedInClient(DemoStaff.Headquarters.UserName);
        var mismatches = await Eventually.Until(
            async () =>
            {
                var stores = await http.GetFromJsonAsync<List<StoreListItem>>("/api/stores", Api, TestContext.Current.CancellationToken);
                var shown = await new StoreListPage(session).Open();
                var now = await shown.ReadRows();
                return stores!
                    .Where(s => chain.Stores.Any(demo => demo.Id == s.StoreId))
                    .Select(store => (Store: store, Row: now.Single(r => r.StoreId == store.StoreId)))
                    .Where(x => x.Row.Today != Chip(x.Store.DayStatus, x.Store.DayDirection) || x.Row.Month != Chip(x.Store.MonthStatus, x.Store.MonthDirection))
                    .Select(x => $"{x.Store.StoreId}: page '{x.Row.Today}' / '{x.Row.Month}', system {x.Store.DayStatus} / {x.Store.MonthStatus}")
                    .ToList();
            },
            m => m.Count == 0,
            TimeSpan.FromSeconds(30));
        Assert.Empty(mismatches);
    }

    private static readonly System.Resources.ResourceManager Texts = new(typeof(CommandCenter.Resources.Labels));

    /// <summary>The chip as an English-speaking viewer reads it: symbol, then the status word.</summary>
    private static string Chip(Domain.Targets.TargetBand band, Domain.Targets.PaceDirection direction) =>
        $"{BandLabel.Symbol(band, direction)} {Texts.GetString(BandLabel.TextKey(band, direction), System.Globalization.CultureInfo.InvariantCulture)}";
}
