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
        var estimated = new List<(CauseSide Side, string Kind, string Source, decimal Hours, decimal Cost)>();
        var closed = new List<ClockSpan>();

        // Closures: the sales their opening hours were expected to bring. In time order, so two events over the same
        // hours cost them once.
        foreach (var closure in store.Events.Where(e => e.ClosesStore).OrderBy(e => e.Span.From).ThenBy(e => e.EventId))
        {
            var (hours, expected) = pace.Over(closure.Span, ClockSpan.Union(closed));
            estimated.Add((CauseSide.Objective, closure.Kind, Source(closure), hours, expected));
            closed.Add(closure.Span);
        }

        var shut = ClockSpan.Union(closed);

        // Road works or an outage that left the store open: what the store sold below its expected over the span.
        foreach (var hindrance in store.Events.Where(e => !e.ClosesStore && e.ExpectedUplift is null).OrderBy(e => e.Span.From))
        {
            var (hours, expected) = pace.Over(hindrance.Span, shut);
            estimated.Add((CauseSide.Objective, hindrance.Kind, Source(hindrance), hours, Math.Max(0m, expected - hindrance.SalesInSpan)));
        }

        // A promotion's expected sales include its uplift: a shortfall over its span, up to the uplift's part, is the
        // promotion that did not deliver. A shortfall beyond that part is not the promotion's to explain.
        foreach (var promotion in store.Events.Where(e => !e.ClosesStore && e.ExpectedUplift is > 0).OrderBy(e => e.Span.From))
        {
            var (hours, expected) = pace.Over(promotion.Span, shut);
            var uplift = promotion.ExpectedUplift!.Value;
            var upliftPart = expected * uplift / (1 + uplift);
            var shortfall = Math.Max(0m, expected - promotion.SalesInSpan);
            if (shortfall > 0)
            {
                estimated.Add((CauseSide.Objective, GapCauses.PromotionShortfall, Source(promotion), hours, Math.Round(Math.Min(shortfall, upliftPart), 2)));
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
                estimated.Add((CauseSide.Management, GapCauses.RedInterventionOverdue, alert.AlertId, hours, Math.Max(0m, expected - alert.SalesWhileOverdue)));
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
                    estimated.Add((CauseSide.Management, GapCauses.TillOffline, till.Key, hours, Math.Round(expected / Math.Max(1, store.Tills), 2)));
                }
            }
        }

        if (CalibrationCost(store, options) is { } cost)
        {
            estimated.Add((CauseSide.Management, GapCauses.CalibrationProvedWrong, string.Join(',', store.Calibration!.Reasons), 0m, cost));
        }

        var left = Math.Max(0m, store.Target - store.Actual);
        var causes = new List<GapCause>(estimated.Count);
        foreach (var (side, kind, source, hours, estimate) in estimated)
        {
            var explained = Math.Min(estimate, left);
            left -= explained;
            causes.Add(new GapCause(side, kind, source, hours, estimate, explained));
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
