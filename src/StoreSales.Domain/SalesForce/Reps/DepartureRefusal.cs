namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>Why a rep's departure may not start.</summary>
public enum DepartureRefusal
{
    /// <summary>Their departure is already under way.</summary>
    AlreadyDeparting,

    /// <summary>They are gone (every hand-over completed, or inactive in master data).</summary>
    AlreadyGone,
}
