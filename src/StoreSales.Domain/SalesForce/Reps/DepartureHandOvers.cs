using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// A departure's hand-overs judged together at one moment, for its overdue alert: one alert per departure, not one per
/// customer. All of a departure's hand-overs fall due at the same moment (start + <c>DueWithin</c>), so a rep with two
/// hundred customers would otherwise put two hundred alerts in the supervisor's inbox at once; the one alert names
/// how many and which are overdue. Rule in docs/domain.md ("Offboarding hand-over").
/// </summary>
/// <param name="Judged">The state the alert rule looks at: an overdue hand-over's if any is, else an open one's, else a completed one's; null for a departure without customers.</param>
/// <param name="OverdueCustomers">The customers whose hand-over is overdue.</param>
/// <param name="Open">Hand-overs not completed (overdue included).</param>
/// <param name="Completed">Hand-overs completed.</param>
public sealed record DepartureHandOvers(HandOverState? Judged, ImmutableArray<string> OverdueCustomers, int Open, int Completed)
{
    public static DepartureHandOvers Judge(IReadOnlyCollection<CustomerHandOver> handOvers, DateTimeOffset now, HandOverOptions options)
    {
        var states = handOvers.Select(h => (h.CustomerId, State: HandOverRule.Evaluate(h, now, options))).ToList();
        var overdue = states.Where(s => s.State.IsOverdue).Select(s => s.CustomerId).Order(StringComparer.Ordinal).ToImmutableArray();
        var open = states.Where(s => s.State.Status is HandOverStatus.Open or HandOverStatus.Overdue).ToList();
        var judged = states.Where(s => s.State.IsOverdue).Concat(open).Concat(states).Select(s => s.State).FirstOrDefault();
        return new DepartureHandOvers(judged, overdue, open.Count, states.Count - open.Count);
    }
}
