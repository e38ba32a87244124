using StoreSales.Domain.Pacing;

namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// What the ledger knows of one store's month, as attribution needs it: the target and what was sold, the store's
/// pacing profile and hours, and the month's events, red alerts, offline tills and calibration.
/// </summary>
public sealed record StoreMonthFacts(
    string StoreId,
    string RegionId,
    DateOnly Month,
    TimeZoneInfo TimeZone,
    OpeningHours Hours,
    PacingProfile Profile,
    decimal Target,
    decimal Actual)
{
    public IReadOnlyList<StoreEventFact> Events { get; init; } = [];

    public IReadOnlyList<RedInterventionFact> RedInterventions { get; init; } = [];

    public IReadOnlyList<OfflineTillFact> OfflineTills { get; init; } = [];

    /// <summary>Tills that rang up sales in the month (at least 1): a till down loses its share of the store's sales.</summary>
    public int Tills { get; init; } = 1;

    /// <summary>The applied decomposition's proposal and the regional manager's correction, when there was one.</summary>
    public CalibrationFact? Calibration { get; init; }

    /// <summary>What the month's applied decomposition priced into the target (closure days, promotion uplift), when there was one.</summary>
    public PricedInFact? PricedIn { get; init; }
}

/// <summary>A store event of the month (store_event); <paramref name="SalesInSpan"/> is what the store sold over its span.</summary>
public sealed record StoreEventFact(long EventId, string Kind, ClockSpan Span, bool ClosesStore, decimal? ExpectedUplift, decimal SalesInSpan)
{
    /// <summary>When the event was recorded: a decomposition proposed before then did not price it in. Default: long before.</summary>
    public DateTimeOffset RecordedAt { get; init; } = DateTimeOffset.MinValue;
}

/// <summary>
/// A red "behind" alert on the store (day-behind), and what the store sold while it was overdue (after the SLA's
/// resolve time until it was resolved or the month ended). <paramref name="ResolvedAt"/> null: never resolved.
/// </summary>
public sealed record RedInterventionFact(string AlertId, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt, decimal SalesWhileOverdue);

/// <summary>A till that was offline (device-offline alert) over <paramref name="Span"/>: see <see cref="Episode"/>.</summary>
public sealed record OfflineTillFact(string TerminalId, ClockSpan Span)
{
    /// <summary>
    /// A device-offline alert's episode: from when the till went offline (the alert's evidence, <c>Since</c>) until the
    /// alert was resolved (or <paramref name="until"/>, the month's end, while it is open). The alert is raised only
    /// after the till has been silent for <c>Live:DeviceOfflineAfter</c> and only in opening hours, so counting from the
    /// raise would drop the first minutes, or a whole morning of a till that went down overnight. Without the evidence
    /// (an older alert), or with a time after the raise (a clock that was off), the raise is the start.
    /// </summary>
    public static OfflineTillFact Episode(string terminalId, DateTimeOffset raisedAt, DateTimeOffset? offlineSince, DateTimeOffset until) =>
        new(terminalId, new ClockSpan(offlineSince is { } since && since < raisedAt ? since : raisedAt, until));
}

/// <summary>The store's line of the applied target proposal: what StoreSales proposed, what the correction set, and why.</summary>
public sealed record CalibrationFact(decimal Proposed, decimal Corrected, IReadOnlyList<string> Reasons);
