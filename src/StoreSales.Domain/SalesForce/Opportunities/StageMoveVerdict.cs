using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>What a requested stage move comes to.</summary>
public enum StageMoveOutcome
{
    /// <summary>The opportunity moves now.</summary>
    Moves = 0,

    /// <summary>The move is allowed but waits for a sales director's approval (contract above the amount); the stage stays.</summary>
    NeedsApproval = 1,

    Refused = 2,
}

/// <summary>A stage move's verdict: moves, waits for approval, or refused with its rule, a sentence and what is missing.</summary>
public sealed record StageMoveVerdict(StageMoveOutcome Outcome, StageMoveRefusal? Refusal, string? Reason, ImmutableArray<string> Missing)
{
    public static StageMoveVerdict Moves { get; } = new(StageMoveOutcome.Moves, null, null, []);

    public bool IsBackward { get; init; }

    /// <summary>The rule's name in problem details and metrics, or null when not refused.</summary>
    public string? Rule => Refusal switch
    {
        null => null,
        StageMoveRefusal.Closed => "closed",
        StageMoveRefusal.UnknownStage => "unknown-stage",
        StageMoveRefusal.SameStage => "same-stage",
        StageMoveRefusal.SkipsStage => "one-stage-at-a-time",
        StageMoveRefusal.EvidenceMissing => "evidence-missing",
        StageMoveRefusal.AwaitingApproval => "awaiting-approval",
        _ => throw new ArgumentOutOfRangeException(nameof(Refusal), Refusal, null),
    };

    public static StageMoveVerdict Refused(StageMoveRefusal refusal, string reason, ImmutableArray<string> missing = default) =>
        new(StageMoveOutcome.Refused, refusal, reason, missing.IsDefault ? [] : missing);
}
