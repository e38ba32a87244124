namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>Where a rep stands in offboarding.</summary>
public enum DepartureStanding
{
    /// <summary>Working; no departure started.</summary>
    Working,

    /// <summary>Departure started; some of their customers' hand-overs are not completed.</summary>
    Departing,

    /// <summary>Every hand-over completed (or the rep is inactive in master data): gone for good.</summary>
    Gone,
}
