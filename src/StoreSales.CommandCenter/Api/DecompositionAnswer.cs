using System.Globalization;
using StoreSales.CommandCenter.Targets;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// A region's decomposition for a month: its target, the proposal's state, whether the month is frozen, the stores'
/// amounts' difference from the target (0 when it may be applied), and each store with its baseline, factors and correction.
/// </summary>
public sealed record DecompositionAnswer(
    long ProposalId,
    string RegionId,
    string Month,
    decimal RegionAmount,
    string Status,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string? AppliedBy,
    DateTimeOffset? AppliedAt,
    DateTimeOffset? FreezesAt,
    bool Frozen,
    decimal Difference,
    IReadOnlyList<StoreShareAnswer> Stores)
{
    public static DecompositionAnswer Of(DecompositionResult result)
    {
        var p = result.Proposal!;
        return new DecompositionAnswer(
            p.ProposalId, p.RegionId, p.Month.ToString(DecompositionDesk.MonthFormat, CultureInfo.InvariantCulture), p.RegionAmount, p.Status,
            p.ProposedBy, p.ProposedAt, p.AppliedBy, p.AppliedAt, result.FreezesAt, result.Frozen,
            CalibrationRule.Difference(p.RegionAmount, p.Stores.Select(s => s.FinalAmount)),
            [.. p.Stores.Select(StoreShareAnswer.Of)]);
    }
}

/// <summary>
/// One store's share: <c>baselineSource</c> is last-year, recent-run-rate (a new store) or region-average (not yet
/// selling); each factor's effect in money (<c>known</c> false: no data, neutral); <c>indicated</c> = baseline + effects;
/// <c>proposed</c> its share of the region's target; <c>final</c> the correction where there is one, else the proposal.
/// </summary>
public sealed record StoreShareAnswer(
    string StoreId,
    string StoreName,
    string BaselineSource,
    decimal Baseline,
    IReadOnlyList<FactorEffect> Factors,
    decimal Indicated,
    decimal Proposed,
    decimal? Corrected,
    decimal Final,
    IReadOnlyList<string> Reasons,
    string? Note,
    string? CorrectedBy,
    DateTimeOffset? CorrectedAt)
{
    public static StoreShareAnswer Of(TargetProposalStore s) =>
        new(s.StoreId, s.StoreName, TargetProposals.SourceName(s.BaselineSource), s.Baseline, s.Factors, s.Indicated, s.ProposedAmount,
            s.CorrectedAmount, s.FinalAmount, s.Reasons, s.ReasonNote, s.CorrectedBy, s.CorrectedAt);
}

/// <summary>HQ's entry of a region's monthly target.</summary>
public sealed record RegionTargetEntry(decimal? Amount);

/// <summary>A regional manager's correction of one store's share, with its reasons (and a note with "other").</summary>
public sealed record StoreCorrectionEntry(decimal? Amount, string[]? Reasons, string? Note);
