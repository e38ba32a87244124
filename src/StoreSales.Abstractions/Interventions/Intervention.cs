using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Interventions;

namespace StoreSales.Abstractions.Interventions;

/// <summary>
/// An alert for a field supervisor (督导介入): what it is about, why it was raised, who works it, where it stands,
/// and every step taken, with who and when.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Intervention(
    [property: Id(0)] string AlertId,
    [property: Id(1)] string Condition,
    [property: Id(2)] InterventionSubject Subject,
    [property: Id(3)] string Severity,
    [property: Id(4)] InterventionEvidence Evidence,
    [property: Id(5)] string Assignee,
    [property: Id(6)] InterventionStatus Status,
    [property: Id(7)] int Level,
    [property: Id(8)] DateTimeOffset RaisedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] string? Outcome,
    [property: Id(11)] ImmutableArray<InterventionStep> History)
{
    /// <summary>Whom the alert was assigned to before its escalations, oldest first: their inboxes keep it, marked as escalated away.</summary>
    [Id(12)]
    public ImmutableArray<string> AssignedBefore { get; init; } = [];
}

/// <summary>What an alert is about: a store, rep, customer, opportunity or device, and where it belongs.</summary>
[GenerateSerializer, Immutable]
public sealed record InterventionSubject(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string? StoreId,
    [property: Id(3)] string? RegionId);

/// <summary>
/// The figures at the moment the alert was raised; for a store's day, also its hours so far (actual and expected
/// per store-local hour), which the inbox draws as a sparkline. <see cref="Summary"/> is the rule's English sentence
/// (logs, API); <see cref="Facts"/> the same as named values for the inbox to word in the viewer's language (null on
/// day alerts, which are worded from their figures, and on alerts raised before facts were kept).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InterventionEvidence(
    [property: Id(0)] string Summary,
    [property: Id(1)] decimal? Actual,
    [property: Id(2)] decimal? Expected,
    [property: Id(3)] decimal? Deviation,
    [property: Id(4)] DateTimeOffset ObservedAt,
    [property: Id(5)] ImmutableArray<HourFigure>? Hours = null,
    [property: Id(6)] EvidenceFacts? Facts = null);

/// <summary>One step of an alert's life.</summary>
[GenerateSerializer, Immutable]
public sealed record InterventionStep(
    [property: Id(0)] int Number,
    [property: Id(1)] InterventionStatus From,
    [property: Id(2)] InterventionStatus To,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Note);

/// <summary>The answer to a person's action: the alert as it now stands, or why the action was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record InterventionActionResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? RefusedBecause,
    [property: Id(2)] Intervention? Intervention);
