using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Data.Targets;

/// <summary>A kept decomposition proposal of one region's month, with its stores in id order.</summary>
public sealed record TargetProposal(
    long ProposalId,
    string RegionId,
    DateOnly Month,
    decimal RegionAmount,
    string Status,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string? AppliedBy,
    DateTimeOffset? AppliedAt,
    IReadOnlyList<TargetProposalStore> Stores)
{
    public const string Open = "open";
    public const string Applied = "applied";
    public const string Superseded = "superseded";
}

/// <summary>One store of a proposal: StoreSales' share with its baseline and factors, and the regional manager's correction.</summary>
public sealed record TargetProposalStore(
    string StoreId,
    string StoreName,
    BaselineSource BaselineSource,
    decimal Baseline,
    IReadOnlyList<FactorEffect> Factors,
    decimal ProposedAmount,
    decimal? CorrectedAmount,
    IReadOnlyList<string> Reasons,
    string? ReasonNote,
    string? CorrectedBy,
    DateTimeOffset? CorrectedAt)
{
    /// <summary>What applying the proposal writes: the correction where there is one, else StoreSales' share.</summary>
    public decimal FinalAmount => CorrectedAmount ?? ProposedAmount;

    /// <summary>The baseline plus the factors' effects, never below zero: what the share is proportional to.</summary>
    public decimal Indicated => Math.Max(0m, Baseline + Factors.Sum(f => f.Amount));
}
