using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Targets;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// Decomposition (智能目标拆解) and dual-track calibration (双轨校准) for the API and the page alike: the same scope,
/// the same freeze rule, the same refusals by rule, in the same metrics. The rules themselves are the Domain's
/// (<see cref="TargetDecomposition"/>, <see cref="CalibrationRule"/>, <see cref="DecompositionAccessRule"/>,
/// <see cref="TargetFreeze"/>).
/// </summary>
public sealed class DecompositionDesk(
    IChainDirectory directory,
    DecompositionBaselines baselines,
    TargetProposals proposals,
    TargetCalibration calibration,
    IOptions<DecompositionOptions> options,
    IOptions<TargetFreezeOptions> freeze,
    IOptions<ChainCalendarOptions> calendar,
    [FromKeyedServices(TargetClock.Key)] TimeProvider clock,
    DecompositionMetrics metrics,
    TargetGrainNotifier repace)
{
    public const string MonthFormat = "yyyy-MM";

    public async Task<DecompositionResult> Read(ClaimsPrincipal user, string regionId, string monthText, CancellationToken cancellationToken)
    {
        const string operation = DecompositionOperations.Read;
        var (region, month, refusal) = await Open(user, regionId, monthText, cancellationToken);
        return refusal is not null ? Refuse(operation, refusal) : Done(operation, await Current(region!, month, cancellationToken));
    }

    /// <summary>HQ enters the region's monthly target: it is set (audited) and split into a new proposal.</summary>
    public async Task<DecompositionResult> Propose(ClaimsPrincipal user, string regionId, string monthText, decimal? amount, CancellationToken cancellationToken)
    {
        const string operation = DecompositionOperations.Propose;
        var (region, month, refusal) = await Open(user, regionId, monthText, cancellationToken);
        if (refusal is not null)
        {
            return Refuse(operation, refusal);
        }

        if (!DecompositionAccessRule.CanPropose(user.ToViewerScope()))
        {
            return Refuse(operation, new(StatusCodes.Status403Forbidden, "hq-only", "Only HQ enters a region's monthly target."));
        }

        if (amount is not { } regionAmount)
        {
            return Refuse(operation, new(StatusCodes.Status400BadRequest, "amount", "The region's monthly target is required.", "amount"));
        }

        if (CalibrationRule.CheckRegionAmount(regionAmount) is { } problem)
        {
            return Refuse(operation, new(StatusCodes.Status400BadRequest, "amount", problem, "amount"));
        }

        var stores = await directory.ListStores(region!.RegionId, cancellationToken);
        var now = clock.GetUtcNow();
        if (Frozen(month, stores, now) is { } frozen)
        {
            return Refuse(operation, frozen);
        }

        var facts = await baselines.Read(region.RegionId, month, now, options.Value, cancellationToken);
        var split = TargetDecomposition.Propose(month, regionAmount, now, facts, options.Value);
        if (await proposals.Create(region.RegionId, month, regionAmount, split, Who(user), now, cancellationToken) is null)
        {
            return Refuse(operation, Frozen(month, stores, clock.GetUtcNow()) ?? FrozenMeanwhile(month));
        }

        return Done(operation, await Current(region, month, cancellationToken));
    }

    /// <summary>The region's regional manager corrects one store's share, with at least one reason.</summary>
    public async Task<DecompositionResult> Correct(ClaimsPrincipal user, string regionId, string monthText, string storeId, decimal? amount, IReadOnlyList<string>? reasons, string? note, CancellationToken cancellationToken)
    {
        const string operation = DecompositionOperations.Correct;
        var (region, month, refusal) = await Open(user, regionId, monthText, cancellationToken);
        if (refusal is not null)
        {
            return Refuse(operation, refusal);
        }

        if (!DecompositionAccessRule.CanCorrect(user.ToViewerScope(), region!.RegionId))
        {
            return Refuse(operation, new(StatusCodes.Status403Forbidden, "regional-manager-only", $"Only the regional manager of {region.Name} corrects its stores' shares."));
        }

        if (CalibrationRule.CheckCorrection(amount, reasons, note) is { } problem)
        {
            return Refuse(operation, new(StatusCodes.Status400BadRequest, problem.Field, problem.Message, problem.Field));
        }

        var (current, closed) = await Writable(region, month, cancellationToken);
        if (closed is not null)
        {
            return Refuse(operation, closed);
        }

        return await calibration.Correct(current!.ProposalId, storeId, amount!.Value, reasons!, note, Who(user), clock.GetUtcNow(), cancellationToken) switch
        {
            CalibrationOutcome.Done => Done(operation, await Current(region, month, cancellationToken)),
            CalibrationOutcome.StoreNotInProposal => Refuse(operation, new(StatusCodes.Status404NotFound, "store-not-in-proposal", $"The proposal of {region.Name} for {Format(month)} has no store '{storeId}'.")),
            _ => Refuse(operation, ProposalClosed(region, month)),
        };
    }

    /// <summary>Writes the calibrated split as the stores' month targets, when it adds up to the region's target.</summary>
    public async Task<DecompositionResult> Apply(ClaimsPrincipal user, string regionId, string monthText, CancellationToken cancellationToken)
    {
        const string operation = DecompositionOperations.Apply;
        var (region, month, refusal) = await Open(user, regionId, monthText, cancellationToken);
        if (refusal is not null)
        {
            return Refuse(operation, refusal);
        }

        if (!DecompositionAccessRule.CanApply(user.ToViewerScope(), region!.RegionId))
        {
            return Refuse(operation, new(StatusCodes.Status403Forbidden, "regional-manager-or-hq", $"Only HQ or the regional manager of {region.Name} applies its split."));
        }

        var (current, closed) = await Writable(region, month, cancellationToken);
        if (closed is not null)
        {
            return Refuse(operation, closed);
        }

        var (outcome, difference, changes) = await calibration.Apply(current!, Who(user), clock.GetUtcNow(), cancellationToken);
        if (outcome == CalibrationOutcome.Done)
        {
            // After the commit: the stores' boards re-pace to their new targets at once.
            await repace.Repace(changes);
        }

        return outcome switch
        {
            CalibrationOutcome.Done => Done(operation, await Current(region, month, cancellationToken)),
            CalibrationOutcome.Frozen => Refuse(operation, FrozenMeanwhile(month)),
            CalibrationOutcome.DoesNotAddUp => Refuse(operation, new(
                StatusCodes.Status400BadRequest,
                "does-not-add-up",
                string.Create(CultureInfo.InvariantCulture, $"The stores' amounts add up to {current!.RegionAmount + difference:0.00}, {Math.Abs(difference):0.00} {(difference > 0 ? "more" : "less")} than the region's target of {current.RegionAmount:0.00}; correct the stores until the difference is 0."),
                "difference",
                difference)),
            _ => Refuse(operation, ProposalClosed(region, month)),
        };
    }

    // The month, the region and whether the viewer may see it: an unknown region and one out of sight are both 404.
    private async Task<(RegionProfile? Region, DateOnly Month, DecompositionRefusal? Refusal)> Open(ClaimsPrincipal user, string regionId, string monthText, CancellationToken cancellationToken)
    {
        if (!DateTime.TryParseExact(monthText, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return (null, default, new(StatusCodes.Status400BadRequest, "month", $"'{monthText}' is not a month written {MonthFormat}.", "month"));
        }

        var region = await directory.FindRegion(regionId, cancellationToken);
        return region is null || !DecompositionAccessRule.CanRead(user.ToViewerScope(), region.RegionId)
            ? (null, default, new(StatusCodes.Status404NotFound, "not-found", $"There is no region '{regionId}'."))
            : (region, DateOnly.FromDateTime(parsed), null);
    }

    // The open proposal a correction or an apply works on, unless there is none, it is closed, or the month is frozen.
    private async Task<(TargetProposal? Proposal, DecompositionRefusal? Refusal)> Writable(RegionProfile region, DateOnly month, CancellationToken cancellationToken)
    {
        var proposal = await proposals.Latest(region.RegionId, month, cancellationToken);
        if (proposal is null)
        {
            return (null, new(StatusCodes.Status404NotFound, "no-proposal", $"{region.Name} has no proposal for {Format(month)} yet: HQ enters the region's target first."));
        }

        if (Frozen(month, await directory.ListStores(region.RegionId, cancellationToken), clock.GetUtcNow()) is { } frozen)
        {
            return (null, frozen);
        }

        return proposal.Status == TargetProposal.Open ? (proposal, null) : (null, ProposalClosed(region, month));
    }

    private async Task<DecompositionResult> Current(RegionProfile region, DateOnly month, CancellationToken cancellationToken)
    {
        var stores = await directory.ListStores(region.RegionId, cancellationToken);
        var freezesAt = FreezesAt(month, stores);
        return new DecompositionResult(await proposals.Latest(region.RegionId, month, cancellationToken), freezesAt, clock.GetUtcNow() >= freezesAt, null);
    }

    // The region freezes with its first store (RegionTargetFreeze), as the target write path decides it.
    private DateTimeOffset FreezesAt(DateOnly month, IReadOnlyList<StoreProfile> stores) =>
        RegionTargetFreeze.FreezesAt(month, stores.Select(s => TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone)), calendar.Value.Zone(), freeze.Value);

    private DecompositionRefusal? Frozen(DateOnly month, IReadOnlyList<StoreProfile> stores, DateTimeOffset now) =>
        now >= FreezesAt(month, stores)
            ? new(StatusCodes.Status409Conflict, "target-frozen", string.Create(CultureInfo.InvariantCulture,
                $"{Format(month)}'s targets froze at {FreezesAt(month, stores):yyyy-MM-dd HH:mm zzz} store-local (after day {freeze.Value.FreezeDay}, {TargetFreezeOptions.SectionName}:{nameof(TargetFreezeOptions.FreezeDay)}); a change is now a request for {freeze.Value.ApproverRole} to decide."))
            : null;

    // The target write path refused though the desk's own check passed: the month froze in between.
    private DecompositionRefusal FrozenMeanwhile(DateOnly month) =>
        new(StatusCodes.Status409Conflict, "target-frozen", $"{Format(month)}'s targets froze while the change was written; a change is now a request for {freeze.Value.ApproverRole} to decide.");

    private static DecompositionRefusal ProposalClosed(RegionProfile region, DateOnly month) =>
        new(StatusCodes.Status409Conflict, "proposal-closed", $"The proposal of {region.Name} for {Format(month)} has been applied or replaced: HQ enters the target again for a new one.");

    private static string Format(DateOnly month) => month.ToString(MonthFormat, CultureInfo.InvariantCulture);

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private DecompositionResult Done(string operation, DecompositionResult result)
    {
        metrics.Accepted(operation);
        return result;
    }

    private DecompositionResult Refuse(string operation, DecompositionRefusal refusal)
    {
        metrics.Rejected(operation, refusal.Rule);
        return DecompositionResult.Refused(refusal);
    }
}
