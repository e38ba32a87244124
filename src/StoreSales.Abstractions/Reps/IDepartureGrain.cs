namespace StoreSales.Abstractions.Reps;

/// <summary>
/// Watches one rep's departure (key: the rep id) for overdue hand-overs with an Orleans reminder, so the watch survives
/// deactivation and silo restarts: not completed by their due time, the region's supervisor gets one
/// <c>hand-over-overdue</c> alert for the departure. The departure itself lives in PostgreSQL (migration 0270).
/// </summary>
public interface IDepartureGrain : IGrainWithStringKey
{
    /// <summary>Starts the watch (idempotent): registers the reminder and checks once now.</summary>
    Task Watch();

    /// <summary>The last check this activation made.</summary>
    Task<DepartureCheck> GetLastCheck();
}

/// <summary>
/// A departure's last overdue check: when (by the clock the rules read), how many checks this activation made, how many
/// hand-overs were open and overdue, whether the departure's alert has been raised, and whether the watch goes on.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DepartureCheck(
    [property: Id(0)] DateTimeOffset? CheckedAt,
    [property: Id(1)] int Checks,
    [property: Id(2)] int Open,
    [property: Id(3)] int Overdue,
    [property: Id(4)] bool AlertRaised,
    [property: Id(5)] bool Watching);
