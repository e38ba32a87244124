using System.Collections.Immutable;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.HandOvers;

/// <summary>What a change to a hand-over (successors, stage, notes, completion) came to.</summary>
public abstract record HandOverChange;

/// <summary>Done; <paramref name="RepGone"/> when this completed the departure's last hand-over.</summary>
public sealed record HandOverChanged(HandOverRecord HandOver, bool RepGone = false) : HandOverChange;

/// <summary>Refused: the hand-over still lacks these (completion), or the successors named break these rules (update). Nothing written.</summary>
public sealed record HandOverGapsFound(ImmutableArray<HandOverGap> Gaps) : HandOverChange;

/// <summary>Refused: it was completed already; a completed hand-over does not change.</summary>
public sealed record HandOverAlreadyCompleted(DateTimeOffset CompletedAt) : HandOverChange;

/// <summary>No such hand-over.</summary>
public sealed record HandOverUnknown : HandOverChange;
