namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>
/// 智能目标拆解 (docs/domain.md "Decomposition"): a region's monthly target split into store shares from each store's own
/// baseline, not a linear extrapolation. Per store: baseline (same month last year; a documented fallback without it),
/// plus the effects of the recent trend, inventory turnover where known, the promotion calendar's expected uplift and the
/// recorded closure days; the region's target is then shared in proportion to these indicated amounts, to the cent.
/// </summary>
public static class TargetDecomposition
{
    /// <summary>
    /// The recent weeks the trend is read from: the <see cref="DecompositionOptions.TrendWeeks"/> weeks before
    /// <paramref name="now"/> for a month still ahead, or before the month's start for a month begun or past (a proposal
    /// made again later reads the same weeks).
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) RecentWindow(DateOnly month, TimeZoneInfo zone, DateTimeOffset now, DecompositionOptions options)
    {
        var monthStart = StartOf(month, zone);
        var end = now < monthStart ? now : monthStart;
        return (end.AddDays(-7 * options.TrendWeeks), end);
    }

    /// <summary>The first instant of <paramref name="month"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly month, TimeZoneInfo zone)
    {
        var local = new DateOnly(month.Year, month.Month, 1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Each store's proposal, in the order given; the proposals add up to <paramref name="regionAmount"/> exactly.</summary>
    public static IReadOnlyList<StoreShareProposal> Propose(
        DateOnly month,
        decimal regionAmount,
        DateTimeOffset now,
        IReadOnlyList<StoreBaselineFacts> stores,
        DecompositionOptions options)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(options);
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var baselines = stores.Select(s => OwnBaseline(s, month, daysInMonth, now, options)).ToArray();
        var withHistory = baselines.Where(b => b.Source != BaselineSource.RegionAverage).Select(b => b.Amount).ToArray();
        var regionAverage = withHistory.Length == 0 ? 0m : withHistory.Average();
        var knownTurnovers = stores.Where(s => s.InventoryTurnover is > 0).Select(s => s.InventoryTurnover!.Value).ToArray();
        var meanTurnover = knownTurnovers.Length == 0 ? (decimal?)null : knownTurnovers.Average();

        var drafts = new (BaselineSource Source, decimal Baseline, FactorEffect[] Factors, decimal Indicated)[stores.Count];
        for (var i = 0; i < stores.Count; i++)
        {
            var store = stores[i];
            var (source, baseline) = baselines[i];
            if (source == BaselineSource.RegionAverage)
            {
                baseline = Cents(regionAverage * options.NoHistoryShareOfRegionAverage);
            }

            FactorEffect[] factors =
            [
                Trend(store, source, baseline, options),
                Turnover(store, baseline, meanTurnover, options),
                Promotions(store, month, baseline, options),
                Closures(store, month, baseline, options),
            ];
            var indicated = Math.Max(0m, baseline + factors.Sum(f => f.Amount));
            drafts[i] = (source, baseline, factors, indicated);
        }

        var shares = LargestRemainder.Split(regionAmount, drafts.Select(d => d.Indicated).ToArray());
        return [.. stores.Select((s, i) => new StoreShareProposal(s.StoreId, drafts[i].Source, drafts[i].Baseline, drafts[i].Factors, drafts[i].Indicated, shares[i]))];
    }

    // Last year's month where the store sold in it; else its recent daily sales over the days it has been selling; else
    // nothing it sold itself, and the region's average stands in (filled in by the caller, who knows the average).
    private static (BaselineSource Source, decimal Amount) OwnBaseline(StoreBaselineFacts store, DateOnly month, int daysInMonth, DateTimeOffset now, DecompositionOptions options)
    {
        if (store.LastYearMonthSales > 0)
        {
            return (BaselineSource.LastYear, Cents(store.LastYearMonthSales));
        }

        if (store.RecentSales > 0 && store.RecentFirstSaleAt is { } firstSale)
        {
            var (start, end) = RecentWindow(month, store.TimeZone, now, options);
            var sellingDays = (decimal)((end - (firstSale > start ? firstSale : start)).TotalDays);
            return (BaselineSource.RecentRunRate, Cents(store.RecentSales / Math.Max(1m, Math.Ceiling(sellingDays)) * daysInMonth));
        }

        return (BaselineSource.RegionAverage, 0m);
    }

    // The recent weeks against the same weeks a year before; a store without both sides (new) has no trend to read,
    // and a run-rate baseline is recent already.
    private static FactorEffect Trend(StoreBaselineFacts store, BaselineSource source, decimal baseline, DecompositionOptions options)
    {
        if (source != BaselineSource.LastYear || store.RecentSales <= 0 || store.RecentSalesLastYear <= 0)
        {
            return new FactorEffect(DecompositionFactors.Trend, 0m, Known: false);
        }

        var change = store.RecentSales / store.RecentSalesLastYear - 1m;
        return new FactorEffect(DecompositionFactors.Trend, Cents(baseline * Clamp(options.TrendWeight * change, options.TrendCap)), Known: true);
    }

    private static FactorEffect Turnover(StoreBaselineFacts store, decimal baseline, decimal? meanTurnover, DecompositionOptions options) =>
        store.InventoryTurnover is > 0 && meanTurnover is > 0
            ? new FactorEffect(
                DecompositionFactors.InventoryTurnover,
                Cents(baseline * Clamp(options.TurnoverWeight * (store.InventoryTurnover.Value / meanTurnover.Value - 1m), options.TurnoverCap)),
                Known: true)
            : new FactorEffect(DecompositionFactors.InventoryTurnover, 0m, Known: false);

    // Each promotion adds its expected uplift over the share of the month's opening hours it covers.
    private static FactorEffect Promotions(StoreBaselineFacts store, DateOnly month, decimal baseline, DecompositionOptions options)
    {
        var uplift = store.Events
            .Where(e => !e.ClosesStore && e.ExpectedUplift is > 0)
            .Sum(e => e.ExpectedUplift!.Value * OpeningHoursCoverage.ShareOfMonth(month, store.TimeZone, store.Hours, [(e.StartsAt, e.EndsAt)]));
        return new FactorEffect(DecompositionFactors.Promotions, Cents(baseline * Math.Min(uplift, options.PromotionCap)), Known: true);
    }

    private static FactorEffect Closures(StoreBaselineFacts store, DateOnly month, decimal baseline, DecompositionOptions options)
    {
        var closed = OpeningHoursCoverage.ShareOfMonth(month, store.TimeZone, store.Hours, store.Events.Where(e => e.ClosesStore).Select(e => (e.StartsAt, e.EndsAt)));
        return new FactorEffect(DecompositionFactors.Closures, -Cents(baseline * closed * options.ClosureLoss), Known: true);
    }

    private static decimal Clamp(decimal value, decimal cap) => Math.Clamp(value, -cap, cap);

    private static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
