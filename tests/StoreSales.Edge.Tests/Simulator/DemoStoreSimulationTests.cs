using StoreSales.Domain.Demo;
using StoreSales.Domain.Targets;
using StoreSales.Edge.Simulator;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Simulator;

/// <summary>The simulator selling like a demo store (<c>--chain</c>, <c>--store</c>): its rate, its items, its hot items.</summary>
public sealed class DemoStoreSimulationTests
{
    private static readonly string[] DemoStoreIds = ["store-sh001", "store-sh002", "store-hz001", "store-gz001", "store-sz001", "store-xm001"];

    private static readonly SimulatedStore Hot = new(RepositoryPaths.DemoChain, "store-sh001", 3, 4, TimeSpan.FromMinutes(30));

    private static IReadOnlyList<CatalogItem> DemoCatalog()
    {
        var catalog = Catalog.Load(RepositoryPaths.DemoItems, out var skipped);
        Assert.Empty(skipped);   // a skipped line would shift the popularity ranks against the history's
        return catalog;
    }

    private static DemoStoreProfile Profile(string storeId) => DemoStoreProfile.Read(RepositoryPaths.DemoChain, storeId)!;

    /// <summary>A Tuesday in December at a local time in Shanghai.</summary>
    private static DateTimeOffset Local(int hour, int minute = 0) => new(2026, 12, 1, hour, minute, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(18)]
    public void The_terminals_together_sell_the_stores_hourly_rate(int hour)
    {
        var catalog = DemoCatalog();
        var store = Profile("store-sh001");
        var rhythm = new StoreRhythm(store, catalog, terminals: 2, Hot, seed: 5);
        var at = Local(hour, 10);

        // What the generator's sales bring on average, under the hot items of that moment.
        var generator = new SaleGenerator(catalog, "T01", new Random(3), rhythm.Mix);
        var boosts = rhythm.BoostsAt(at);
        const int Sales = 20_000;
        var meanSale = Enumerable.Range(0, Sales).Sum(_ => generator.Next(at, boosts).Total) / Sales;

        var gap = rhythm.MeanGap(at)!.Value;
        var amountPerHour = 2 * (decimal)(TimeSpan.FromHours(1) / gap) * meanSale;
        var rate = DemoSalesShape.RateAt(store, at);
        Assert.InRange(amountPerHour / rate, 0.97m, 1.03m);
    }

    [Fact]
    public void Busier_hours_have_shorter_gaps_and_a_closed_store_has_none()
    {
        var rhythm = new StoreRhythm(Profile("store-hz001"), DemoCatalog(), terminals: 1, Hot with { HotItems = 0 }, seed: 5);

        Assert.True(rhythm.MeanGap(Local(18)) < rhythm.MeanGap(Local(12)));
        Assert.True(rhythm.MeanGap(Local(12)) < rhythm.MeanGap(Local(10)));
        Assert.Null(rhythm.MeanGap(Local(8, 30)));    // hz001 opens at 09:00
        Assert.Null(rhythm.MeanGap(Local(21, 45)));   // and closes at 21:30
        Assert.Equal(Local(9), rhythm.NextOpening(Local(8, 30)));
    }

    [Fact]
    public void Hot_items_sell_lift_times_their_usual_share_while_their_period_runs()
    {
        var catalog = DemoCatalog();
        var rhythm = new StoreRhythm(Profile("store-sh001"), catalog, terminals: 2, Hot, seed: 9);
        var at = Local(15, 5);
        var boosts = rhythm.BoostsAt(at)!;
        var generator = new SaleGenerator(catalog, "T01", new Random(1), rhythm.Mix);

        var units = new Dictionary<string, int>();
        var usual = new Dictionary<string, int>();
        var plain = new SaleGenerator(catalog, "T02", new Random(2), rhythm.Mix);
        for (var i = 0; i < 20_000; i++)
        {
            foreach (var line in generator.Next(at, boosts).Lines)
            {
                units[line.Item.Gtin] = units.GetValueOrDefault(line.Item.Gtin) + line.Quantity;
            }

            foreach (var line in plain.Next(at).Lines)
            {
                usual[line.Item.Gtin] = usual.GetValueOrDefault(line.Item.Gtin) + line.Quantity;
            }
        }

        Assert.Equal(3, boosts.Items.Count);
        foreach (var item in boosts.Items.Select(i => catalog[i].Gtin))
        {
            Assert.InRange(units[item] / (double)usual[item], 2.5, 4.5);   // about 4x; the rest of the mix gives a little way
        }

        var notHot = catalog[Enumerable.Range(0, 20).First(i => !boosts.Items.Contains(i))].Gtin;
        Assert.InRange(units[notHot] / (double)usual[notHot], 0.6, 1.1);
        Assert.NotEqual(boosts.Items, rhythm.BoostsAt(at.AddHours(6))!.Items);   // a while later, other items are hot
    }

    [Fact]
    public void Every_demo_store_has_two_or_three_reps_carrying_a_fifth_to_a_third_of_its_sales()
    {
        foreach (var id in DemoStoreIds)
        {
            var store = Profile(id);

            // A B2B team's reps (share 0) may be led from a store too; they sell off the till.
            Assert.InRange(store.Reps.Count(r => r.Share > 0), 2, 3);
            Assert.InRange(store.Reps.Sum(r => r.Share), 0.2m, 0.34m);
            Assert.All(store.Reps, r => Assert.StartsWith($"rep-{id["store-".Length..]}-", r.RepId, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_demo_stores_tills_credit_its_reps_by_their_share()
    {
        var catalog = DemoCatalog();
        var store = Profile("store-sh001");
        var rhythm = new StoreRhythm(store, catalog, terminals: 2, Hot, seed: 5);
        var generator = new SaleGenerator(catalog, "T01", new Random(4), rhythm.Mix, rhythm.RepFor);
        const int Sales = 20_000;

        var credited = Enumerable.Range(0, Sales).Select(_ => generator.Next(Local(12)).RepId).CountBy(r => r ?? "").ToDictionary();

        foreach (var rep in store.Reps)
        {
            Assert.InRange(credited.GetValueOrDefault(rep.RepId) / (decimal)Sales, rep.Share - 0.01m, rep.Share + 0.01m);
        }

        Assert.Contains(store.Reps, r => r.Share == 0);
        Assert.Equal(store.Reps.Count(r => r.Share > 0) + 1, credited.Count);
    }

    [Fact]
    public void The_demo_chain_has_stores_behind_on_pace_and_one_ahead()
    {
        var options = new TargetStatusOptions();
        var stores = DemoStoreIds
            .Select(id => (Id: id, Deviation: Profile(id).Pace - 1))
            .ToList();

        Assert.Contains(stores, s => s.Deviation < -options.YellowMaxDeviation);                                              // red behind: an intervention
        Assert.Contains(stores, s => s.Deviation < -options.GreenMaxDeviation && s.Deviation >= -options.YellowMaxDeviation); // yellow behind
        Assert.True(stores.Count(s => Math.Abs(s.Deviation) <= options.GreenMaxDeviation - 0.02m) >= 2);                       // on pace, with room for noise
        Assert.Single(stores, s => s.Deviation > options.GreenMaxDeviation);                                                   // one ahead: a calibration flag
        Assert.Equal(0m, Profile("store-sh001").Pace - 1);   // the board the demo links to is on pace
    }

    [Theory]
    [InlineData("--chain x.json", "--chain and --store go together")]
    [InlineData("--chain x.json --store s --sales-per-minute 5", "--sales-per-minute does not go with --store")]
    [InlineData("--hot-items 2", "need --store")]
    [InlineData("--chain x.json --store s --hot-lift 1", "--hot-lift must be a number above 1")]
    [InlineData("--chain x.json --store s --hot-for 00:00:10", "--hot-for must be a duration")]
    public void Store_options_are_checked(string extra, string message)
    {
        var args = $"--catalog c.csv --terminal T01=/tmp/t {extra}".Split(' ');

        Assert.False(SimulatorOptions.TryParse(args, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_options_default_to_three_items_four_times_as_hot_for_half_an_hour()
    {
        Assert.True(SimulatorOptions.TryParse("--catalog c.csv --terminal T01=/tmp/t --chain x.json --store store-sh001".Split(' '), out var options, out _));

        Assert.Equal(new SimulatedStore("x.json", "store-sh001", 3, 4, TimeSpan.FromMinutes(30)), options!.Store);
    }

    [Fact]
    public async Task An_unknown_store_is_a_one_line_error()
    {
        var error = new StringWriter();
        var exit = await SimulatorApp.RunAsync(
            ["--catalog", RepositoryPaths.DemoItems, "--terminal", "T01=/tmp/none", "--chain", RepositoryPaths.DemoChain, "--store", "store-nowhere"],
            TextWriter.Null,
            error,
            TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("has no store store-nowhere", error.ToString(), StringComparison.Ordinal);
    }
}
