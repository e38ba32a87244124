namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// Why a store missed (or beat) its month's target (docs/domain.md, "Attribution report"). Each cause's cost is estimated
/// from the store's pacing profile over its span (<see cref="MonthPace"/>), then the gap is explained cause by cause in a
/// fixed order, each capped by what the causes before it left: objective causes first (closures, then events that left
/// the store open, then promotions that did not deliver), management gaps after (red alerts left open past the SLA,
/// tills offline in opening hours, corrections that proved wrong). What is left is unexplained. Time a closure took is
/// not charged again to an alert or a till over the same hours.
/// </summary>
public static class AttributionRule
{
    public static StoreAttribution Split(StoreMonthFacts store, AttributionOptions options, TimeSpan resolveWithin)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var pace = new MonthPace(store);
        var estimated = new List<(CauseSide Side, string Kind, string Source, decimal Hours, decimal Cost, decimal PricedIn)>();
        var closed = new List<ClockSpan>();

        // Closures: the sales their opening hours were expected to bring. In time order, so two events over the same
        // hours cost them once. A closure the applied decomposition knew of already lowered the target (its closures
        // factor): that allowance is taken off the closures it knew of, in time order, so the same closed hours do not
        // excuse a second time a gap to a target that had already made room for them. What a closure cost beyond the
        // allowance (the proposal assumed a partial loss, or an hour was closed longer) still explains the gap.
        var allowance = store.PricedIn?.ClosureAllowance ?? 0m;
        foreach (var closure in store.Events.Where(e => e.ClosesStore).OrderBy(e => e.Span.From).ThenBy(e => e.EventId))
        {
            var (hours, expected) = pace.Over(closure.Span, ClockSpan.Union(closed));
            var pricedIn = store.PricedIn is { } priced && priced.Knew(closure.RecordedAt) ? Math.Min(allowance, expected) : 0m;
            allowance -= pricedIn;
            estimated.Add((CauseSide.Objective, closure.Kind, Source(closure), hours, expected - pricedIn, pricedIn));
            closed.Add(closure.Span);
        }

        var shut = ClockSpan.Union(closed);

        // Road works or an outage that left the store open: what the store sold below its expected over the span.
        foreach (var hindrance in store.Events.Where(e => !e.ClosesStore && e.ExpectedUplift is null).OrderBy(e => e.Span.From))
        {
            var (hours, expected) = pace.Over(hindrance.Span, shut);
            estimated.Add((CauseSide.Objective, hindrance.Kind, Source(hindrance), hours, Math.Max(0m, expected - hindrance.SalesInSpan), 0m));
        }

        // A promotion's expected sales include its uplift: a shortfall over its span, up to the uplift's part, is the
        // promotion that did not deliver. A shortfall beyond that part is not the promotion's to explain. Unlike a
        // closure, a promotion priced into the target does excuse: the uplift is the chain's calendar's promise (HQ
        // set the promotion), put into the target by the decomposition, and the store answers for its base, not for
        // the pull of a promotion it did not choose. So with an applied decomposition the promotions it knew of explain
        // at most the uplift it priced in, and one it did not know of explains nothing: the target never counted on
        // its uplift. Without a decomposition the target is taken to include the calendar's promotions.
        var uplifts = store.PricedIn?.PromotionUplift;
        foreach (var promotion in store.Events.Where(e => !e.ClosesStore && e.ExpectedUplift is > 0).OrderBy(e => e.Span.From))
        {
            if (store.PricedIn is { } priced && !priced.Knew(promotion.RecordedAt))
            {
                continue;
            }

            var (hours, expected) = pace.Over(promotion.Span, shut);
            var uplift = promotion.ExpectedUplift!.Value;
            var upliftPart = expected * uplift / (1 + uplift);
            var shortfall = Math.Max(0m, expected - promotion.SalesInSpan);
            if (shortfall > 0)
            {
                var shortOfUplift = Math.Round(Math.Min(shortfall, upliftPart), 2);
                shortOfUplift = uplifts is { } pricedUplift ? Math.Min(shortOfUplift, pricedUplift) : shortOfUplift;
                uplifts -= shortOfUplift;
                estimated.Add((CauseSide.Objective, GapCauses.PromotionShortfall, Source(promotion), hours, shortOfUplift, 0m));
            }
        }

        // A red alert left open past its resolve time: what the store sold below its expected while it was overdue.
        foreach (var alert in store.RedInterventions.OrderBy(a => a.RaisedAt))
        {
            var overdue = new ClockSpan(alert.RaisedAt + resolveWithin, alert.ResolvedAt ?? pace.Month.To);
            if (overdue.IsEmpty)
            {
                continue;
            }

            var (hours, expected) = pace.Over(overdue, shut);
            if (hours > 0)
            {
                estimated.Add((CauseSide.Management, GapCauses.RedInterventionOverdue, alert.AlertId, hours, Math.Max(0m, expected - alert.SalesWhileOverdue), 0m));
            }
        }

        // A till down sells nothing: its share (one of the store's tills) of what the store was expected to sell meanwhile.
        foreach (var till in store.OfflineTills.GroupBy(t => t.TerminalId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var span in ClockSpan.Union(till.Select(t => t.Span)))
            {
                var (hours, expected) = pace.Over(span, shut);
                if (hours > 0 && hours * 60m >= (decimal)options.OfflineMinimum.TotalMinutes)
                {
                    estimated.Add((CauseSide.Management, GapCauses.TillOffline, till.Key, hours, Math.Round(expected / Math.Max(1, store.Tills), 2), 0m));
                }
            }
        }

        if (CalibrationCost(store, options) is { } cost)
        {
            estimated.Add((CauseSide.Management, GapCauses.CalibrationProvedWrong, string.Join(',', store.Calibration!.Reasons), 0m, cost, 0m));
        }

        var left = Math.Max(0m, store.Target - store.Actual);
        var causes = new List<GapCause>(estimated.Count);
        foreach (var (side, kind, source, hours, estimate, pricedIn) in estimated)
        {
            var explained = Math.Min(estimate, left);
            left -= explained;
            causes.Add(new GapCause(side, kind, source, hours, estimate, explained) { PricedIn = pricedIn });
        }

        return new StoreAttribution(store.StoreId, store.RegionId, store.Target, store.Actual, causes);
    }

    /// <summary>
    /// A correction that raised the target proved wrong when the store missed the corrected target by more than the
    /// tolerance: the raise (above the proposal) is its cost. One that lowered it proved wrong when the store reached the
    /// proposal after all: listed at no cost (the store met its target), a finding for target quality. Null otherwise.
    /// </summary>
    private static decimal? CalibrationCost(StoreMonthFacts store, AttributionOptions options)
    {
        if (store.Calibration is not { } calibration || calibration.Corrected == calibration.Proposed)
        {
            return null;
        }

        if (calibration.Corrected > calibration.Proposed)
        {
            return store.Actual < calibration.Corrected * (1 - options.CalibrationTolerance)
                ? Math.Min(calibration.Corrected - calibration.Proposed, calibration.Corrected - store.Actual)
                : null;
        }

        return store.Actual >= calibration.Proposed ? 0m : null;
    }

    private static string Source(StoreEventFact e) => e.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
