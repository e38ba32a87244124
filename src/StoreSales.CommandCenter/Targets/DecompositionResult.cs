using StoreSales.Data.Targets;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// Why a decomposition request was refused: the HTTP status the API answers with, the rule (also the metric's tag), the
/// field it concerns for a 400, and for a split that does not add up by how much.
/// </summary>
public sealed record DecompositionRefusal(int Status, string Rule, string Detail, string? Field = null, decimal? Difference = null);

/// <summary>
/// The outcome of a decomposition request: the region's latest proposal (null when there is none yet), whether its
/// month is frozen for the region's stores and from when; or the refusal.
/// </summary>
public sealed record DecompositionResult(TargetProposal? Proposal, DateTimeOffset? FreezesAt, bool Frozen, DecompositionRefusal? Refusal)
{
    public static DecompositionResult Refused(DecompositionRefusal refusal) => new(null, null, false, refusal);
}

/// <summary>The operations of decomposition, as the metrics' <c>operation</c> tag names them.</summary>
public static class DecompositionOperations
{
    public const string Read = "decomposition-read";
    public const string Propose = "decomposition-propose";
    public const string Correct = "decomposition-correct";
    public const string Apply = "decomposition-apply";
}
