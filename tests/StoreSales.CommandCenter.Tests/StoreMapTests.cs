using System.Collections.Immutable;
using System.Diagnostics;
using Bunit;
using StoreSales.Abstractions.Regions;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Components.Hq;
using StoreSales.CommandCenter.Hq.Maps;
using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// What HQ reads off the map: names that never cover each other (however crowded a city), provinces tinted by their
/// region's status, a click on a province zooms to it, and a chain of a thousand stores is still one picture.
/// </summary>
public sealed class StoreMapTests : BoardComponentContext
{
    private static readonly MapBox China = ProvinceOutlines.China.Framed(0.02, 800.0 / 560.0);

    [Fact]
    public void Names_placed_on_a_crowded_map_never_intersect_and_the_first_one_always_gets_its_place()
    {
        // Three hundred stores packed around Shanghai and Guangzhou, as a big chain's are.
        var random = new Random(15);
        var candidates = Enumerable.Range(0, 300)
            .Select(i => (i % 2 == 0 ? (Lon: 121.47, Lat: 31.23) : (Lon: 113.26, Lat: 23.13), i))
            .Select(x => new LabelCandidate($"store-{x.i}", $"Store number {x.i}",
                MapProjection.Project(x.Item1.Lon + random.NextDouble() - 0.5, x.Item1.Lat + random.NextDouble() - 0.5), 3))
            .ToList();

        var placed = MapLabels.Place(candidates, China, fontSize: 9);

        Assert.Contains(placed, p => p.Key == "store-0");
        Assert.InRange(placed.Count, 2, candidates.Count - 1);
        Assert.All(placed, p => Assert.True(China.Contains(p.Box), $"{p.Key} sticks out of the view"));
        var overlapping = placed.SelectMany((a, i) => placed.Skip(i + 1).Where(b => a.Box.Intersects(b.Box)).Select(b => $"{a.Key} × {b.Key}")).ToList();
        Assert.Empty(overlapping);
    }

    [Fact]
    public void A_click_on_a_province_zooms_to_it_and_whole_country_zooms_back()
    {
        var map = Render<StoreMap>(p => p.Add(x => x.Stores, ShanghaiTwins()).Add(x => x.Regions, [East(TargetBand.Red)]));
        var whole = map.Find("[data-testid=map-provinces]").GetAttribute("transform");

        map.Find("[data-testid=map-province][data-province=CN-SH]").Click();

        Assert.Equal("CN-SH", map.Find("[data-testid=map-svg]").GetAttribute("data-view"));
        Assert.NotEqual(whole, map.Find("[data-testid=map-provinces]").GetAttribute("transform"));
        Assert.Equal("Shanghai", map.Find("[data-testid=map-zoomed]").TextContent);
        Assert.Equal(2, map.FindAll("[data-testid=map-label]").Count);

        map.Find("[data-testid=map-zoom-out]").Click();

        Assert.Equal(whole, map.Find("[data-testid=map-provinces]").GetAttribute("transform"));
    }

    [Fact]
    public void A_province_takes_the_colour_of_the_region_whose_stores_it_holds()
    {
        var map = Render<StoreMap>(p => p.Add(x => x.Stores, ShanghaiTwins()).Add(x => x.Regions, [East(TargetBand.Red)]));

        Assert.Equal("Red", map.Find("[data-testid=map-province][data-province=CN-SH]").GetAttribute("data-band"));
        Assert.Contains("band-red", map.Find("[data-testid=map-province][data-province=CN-SH]").ClassList);
        Assert.Null(map.Find("[data-testid=map-province][data-province=CN-XJ]").GetAttribute("data-band"));
        Assert.Equal(34, map.FindAll("[data-testid=map-province]").Count); // 31 provinces, Taiwan, Hong Kong, Macao
    }

    [Fact]
    public void A_thousand_stores_are_one_svg_with_a_dot_each_and_names_only_where_they_fit()
    {
        var random = new Random(1000);
        var stores = Enumerable.Range(0, 1000)
            .Select(i => Store($"store-{i:0000}", $"Store {i}", 28 + random.NextDouble() * 10, 110 + random.NextDouble() * 12, i))
            .ToList();

        var clock = Stopwatch.StartNew();
        var map = Render<StoreMap>(p => p.Add(x => x.Stores, stores).Add(x => x.Regions, [East(TargetBand.Green)]));
        var took = clock.Elapsed;

        Assert.Single(map.FindAll("svg"));
        Assert.Equal(1000, map.FindAll("[data-testid=map-store]").Count);
        Assert.InRange(map.FindAll("[data-testid=map-label]").Count, 1, 999);
        Assert.True(took < TimeSpan.FromSeconds(5), $"rendering 1,000 stores took {took}");
    }

    private static List<StoreListItem> ShanghaiTwins() =>
    [
        Store("store-sh001", "Shanghai Jing'an", 31.2290, 121.4480, 50_000),
        Store("store-sh002", "Shanghai Pudong", 31.2215, 121.5440, 40_000),
    ];

    private static StoreListItem Store(string id, string name, double latitude, double longitude, decimal dayActual) =>
        new(id, name, "region-east", "East China", latitude, longitude, dayActual, dayActual, TargetBand.Green, PaceDirection.OnPace,
            dayActual * 20, TargetBand.Green, PaceDirection.OnPace, null);

    private static RegionProgress East(TargetBand band) =>
        new("region-east", "East China", new PeriodProgress(1, 2, 1, 0, band, PaceDirection.Behind, 1), PeriodProgress.Empty, ImmutableArray<StoreSummary>.Empty, DateTimeOffset.UnixEpoch);
}
