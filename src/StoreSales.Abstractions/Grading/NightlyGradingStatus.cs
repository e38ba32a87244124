namespace StoreSales.Abstractions.Grading;

/// <summary>Where the nightly grading stands.</summary>
/// <param name="LastGradedOn">The latest chain date fully graded and alerted; null before the first run.</param>
/// <param name="Running">The date being graded now, if any.</param>
/// <param name="Customers">Customers graded in the last run.</param>
/// <param name="Drops">Of those, the ones whose health dropped past the threshold.</param>
/// <param name="AlertsRaised">Alerts raised for those drops (one per recipient).</param>
/// <param name="LastCheckedAt">When the reminder (or a caller) last asked whether a date is due.</param>
[GenerateSerializer, Immutable]
public sealed record NightlyGradingStatus(
    [property: Id(0)] DateOnly? LastGradedOn,
    [property: Id(1)] DateOnly? Running,
    [property: Id(2)] int Customers,
    [property: Id(3)] int Drops,
    [property: Id(4)] int AlertsRaised,
    [property: Id(5)] DateTimeOffset? LastCheckedAt = null);
