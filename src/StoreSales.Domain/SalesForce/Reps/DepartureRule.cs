namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// Whether a rep's departure may start: only for a working rep. A rep departs once: a departure for a rep already
/// departing or gone is refused, naming which. Rule in docs/domain.md ("Offboarding hand-over").
/// </summary>
public static class DepartureRule
{
    /// <summary>The rule that refuses a departure, or null when it may start.</summary>
    public static DepartureRefusal? Refusal(DepartureStanding standing) => standing switch
    {
        DepartureStanding.Working => null,
        DepartureStanding.Departing => DepartureRefusal.AlreadyDeparting,
        _ => DepartureRefusal.AlreadyGone,
    };

    /// <summary>The rep's standing from master data and their departure (if any).</summary>
    public static DepartureStanding Standing(bool activeInMasterData, bool departureStarted, bool departureCompleted) =>
        departureCompleted || !activeInMasterData ? DepartureStanding.Gone
        : departureStarted ? DepartureStanding.Departing
        : DepartureStanding.Working;
}
