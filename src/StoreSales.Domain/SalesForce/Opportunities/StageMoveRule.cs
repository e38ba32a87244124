using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>
/// The stage gate (阶段跃迁强校验, docs/domain.md "Opportunities"): forward one stage at a time, and only with every
/// document the stage being left requires, uploaded in that stage; back any number of stages (kept like any move);
/// entering the contract stage with an amount above <see cref="OpportunityOptions.ContractApprovalAmount"/> waits for a
/// sales director. Checked in this order: closed, unknown stage, same stage, awaiting approval (forward only),
/// two stages at once, evidence missing, approval needed. Pure: the caller passes what is stored.
/// </summary>
public static class StageMoveRule
{
    public static StageMoveVerdict Decide(OpportunityPath path, StageMoveRequest move, OpportunityOptions options)
    {
        if (move.Closed)
        {
            return StageMoveVerdict.Refused(StageMoveRefusal.Closed, "The opportunity is closed (won or lost): its stage no longer moves.");
        }

        if (path.Find(move.TargetStage) is not { } target)
        {
            return StageMoveVerdict.Refused(
                StageMoveRefusal.UnknownStage,
                $"'{move.TargetStage}' is not a stage of product line {path.ProductLine} ({string.Join(" → ", path.Stages.Select(s => s.Name))}).");
        }

        var current = path.Find(move.CurrentStage)
            ?? throw new InvalidOperationException($"The opportunity is in stage '{move.CurrentStage}', which product line {path.ProductLine} does not have.");
        if (target.Index == current.Index)
        {
            return StageMoveVerdict.Refused(StageMoveRefusal.SameStage, $"The opportunity is already in {current.Name}.");
        }

        if (target.Index < current.Index)
        {
            return StageMoveVerdict.Moves with { IsBackward = true };
        }

        if (move.ApprovalPending)
        {
            return StageMoveVerdict.Refused(StageMoveRefusal.AwaitingApproval, $"Entering {options.ContractStage} waits for the sales director's decision.");
        }

        if (target.Index > current.Index + 1)
        {
            return StageMoveVerdict.Refused(
                StageMoveRefusal.SkipsStage,
                $"One stage at a time: from {current.Name} the next stage is {path.Next(current)!.Name}, not {target.Name}.");
        }

        ImmutableArray<string> missing = [.. current.Evidence.Where(e => !move.EvidenceInStage.Contains(e))];
        if (!missing.IsEmpty)
        {
            return StageMoveVerdict.Refused(
                StageMoveRefusal.EvidenceMissing,
                $"Leaving {current.Name} requires {string.Join(" and ", missing)}, uploaded in {current.Name}.",
                missing);
        }

        return NeedsApproval(target.Name, move.Amount, options)
            ? new StageMoveVerdict(
                StageMoveOutcome.NeedsApproval,
                null,
                $"{move.Amount:N2} is above {options.ContractApprovalAmount:N2} ({OpportunityOptions.SectionName}:{nameof(OpportunityOptions.ContractApprovalAmount)}): entering {target.Name} needs a sales director's approval.",
                [])
            : StageMoveVerdict.Moves;
    }

    /// <summary>Whether entering <paramref name="stage"/> with <paramref name="amount"/> needs a director: the contract stage, strictly above the amount.</summary>
    public static bool NeedsApproval(string stage, decimal amount, OpportunityOptions options) =>
        string.Equals(stage, options.ContractStage, StringComparison.Ordinal) && amount > options.ContractApprovalAmount;
}
