using StoreSales.Domain.Demo;

namespace StoreSales.Edge.Simulator;

/// <summary>
/// How often one terminal of a simulated demo store rings up a sale right now: the store's amount-per-hour rate from
/// <see cref="DemoSalesShape"/> (its target, pace and the demo history's hour-of-day × day-of-week shape), shared between
/// its terminals, divided by what a simulated sale brings on average under the current item mix. Hot items change the
/// mix, so they change the mean sale and the gap with it: the store's amount keeps to its pace while they run.
/// </summary>
public sealed class StoreRhythm
{
    /// <summary>Hot items are drawn from this many best-sellers, whose usual rates the history establishes well.</summary>
    public const int HotAmongTop = 20;

    private readonly DemoStoreProfile _store;
    private readonly int _terminals;
    private readonly decimal[] _prices;
    private readonly DemoHotItemSchedule _hot;
    private readonly int _seed;
    private readonly decimal _unitsPerSale;

    public StoreRhythm(DemoStoreProfile store, IReadOnlyList<CatalogItem> catalog, int terminals, SimulatedStore options, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(terminals, 1);
        _store = store;
        _terminals = terminals;
        _prices = [.. catalog.Select(i => i.UnitPrice)];
        Mix = new DemoItemMix(catalog.Count);
        _hot = new DemoHotItemSchedule(options.HotItems, options.HotLift, options.HotFor, HotAmongTop);
        _seed = seed;
        _unitsPerSale = SaleGenerator.ExpectedLines(catalog.Count) * SaleGenerator.ExpectedQuantity;
    }

    public DemoItemMix Mix { get; }

    /// <summary>The items selling above their usual rate at <paramref name="at"/>, if any.</summary>
    public DemoItemBoosts? BoostsAt(DateTimeOffset at) => _hot.At(at, _seed, Mix.Count);

    /// <summary>Mean gap between two sales of one terminal at <paramref name="at"/>; null while the store is closed.</summary>
    public TimeSpan? MeanGap(DateTimeOffset at)
    {
        var storeRate = DemoSalesShape.RateAt(_store, at);
        if (storeRate <= 0)
        {
            return null;
        }

        var meanSale = _unitsPerSale * Mix.ExpectedUnitPrice(_prices, BoostsAt(at)) * SaleGenerator.ExpectedDiscountFactor;
        var salesPerHour = storeRate / _terminals / meanSale;
        return TimeSpan.FromHours((double)(1 / salesPerHour));
    }

    /// <summary>The rep a sale credits, from a uniform draw (<see cref="DemoStoreProfile.RepFor"/>): the store's reps by their share.</summary>
    public string? RepFor(double draw) => _store.RepFor(draw);

    /// <summary>The next moment the store is open (now when it is).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset at) => DemoSalesShape.NextOpening(_store, at);
}
