using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Reps;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Live;
using StoreSales.Data.HandOvers;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.HandOvers;

/// <summary>
/// Offboarding for the API and the pages alike (docs/domain.md "Offboarding hand-over"): every request goes through
/// <see cref="HandOverAccessRule"/> (out of sight: not found; seen but not theirs: forbidden), the rules decide, and
/// every answer is counted (<see cref="CustomerMetrics"/>, by operation and reason).
/// </summary>
public sealed partial class HandOverDesk(
    RepDepartures departures,
    HandOverBook book,
    HandOverPacks packs,
    IGrainFactory grains,
    CustomerMetrics metrics,
    HandOverNotices notices,
    IOptions<HandOverOptions> options,
    TimeProvider clock,
    ILogger<HandOverDesk> logger)
{
    public const string StartOperation = "departure";
    public const string ReadOperation = "hand-over-read";
    public const string UpdateOperation = "hand-over-update";
    public const string CompleteOperation = "hand-over-complete";

    public HandOverOptions Options => options.Value;

    public async Task<HandOverOutcome> StartDeparture(ClaimsPrincipal user, string repId, string? reason, DateOnly? lastWorkingDay, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Counted(StartOperation, new HandOverInvalid(new Dictionary<string, string[]> { ["reason"] = ["Say why the rep leaves."] }));
        }

        if (await departures.Find(repId, cancellationToken) is not { } rep
            || !HandOverAccessRule.SeesRep(viewer, rep.RepId, rep.StoreId, rep.DepartmentId, rep.RegionId))
        {
            return Counted(StartOperation, new HandOverNotFound("rep", repId));
        }

        if (!HandOverAccessRule.CanManage(viewer, rep.StoreId, rep.DepartmentId))
        {
            return Counted(StartOperation, new HandOverForbidden("not-team-manager", $"A departure of rep '{repId}' is started by the manager of store '{rep.StoreId}', a sales manager of '{rep.DepartmentId}' or an administrator."));
        }

        switch (await departures.Start(rep.RepId, reason.Trim(), lastWorkingDay, user.Identity?.Name ?? "unknown", cancellationToken))
        {
            case DepartureStarted started:
                if (started.HandOvers > 0)
                {
                    notices.Changed(new HandOverListChange(rep.RepId, rep.StoreId, rep.DepartmentId, rep.RegionId, [], HandOverListChangeKind.Opened));
                }

                var watching = await Watch(started);
                return Counted(StartOperation, new HandOverDone<DepartureAnswer>(new DepartureAnswer(started.DepartureId, started.RepId, started.StartedAt, started.DueAt, started.HandOvers, started.Gone, watching)));
            case DepartureRefused { Refusal: var refusal }:
                return Counted(StartOperation, new HandOverConflict(
                    HandOverRules.Of(refusal),
                    refusal == DepartureRefusal.AlreadyDeparting
                        ? $"Rep '{repId}' is already departing: their customers' hand-overs are under way."
                        : $"Rep '{repId}' is gone: a rep departs once.",
                    new Dictionary<string, object?> { ["repId"] = repId }));
            default:
                return Counted(StartOperation, new HandOverNotFound("rep", repId));
        }
    }

    public async Task<IReadOnlyList<HandOverView>> List(ClaimsPrincipal user, string? repId, HandOverStatus? status, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var completed = status switch
        {
            HandOverStatus.Open or HandOverStatus.Overdue => false,
            HandOverStatus.HandedOver or HandOverStatus.HandedOverLate => true,
            _ => (bool?)null,
        };
        var records = await book.List(new HandOverFilter(HandOverAccessRule.ListScope(viewer), repId, completed), cancellationToken);
        var now = clock.GetUtcNow();
        var views = records.Select(r => View(viewer, r, now)).Where(v => status is null || v.State.Status == status).ToList();
        metrics.Accepted(ReadOperation);
        return views;
    }

    public async Task<HandOverOutcome> Find(ClaimsPrincipal user, long handOverId, CancellationToken cancellationToken)
    {
        var (view, refusal) = await Seen(user, handOverId, ReadOperation, manage: false, cancellationToken);
        return refusal ?? Counted(ReadOperation, new HandOverDone<HandOverView>(view!));
    }

    /// <summary>The successor's pack: the hand-over and everything about its customer a successor needs.</summary>
    public async Task<HandOverOutcome> Pack(ClaimsPrincipal user, long handOverId, CancellationToken cancellationToken)
    {
        var (view, refusal) = await Seen(user, handOverId, ReadOperation, manage: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await packs.Of(view!.Record, cancellationToken) is { } pack
            ? Counted(ReadOperation, new HandOverDone<(HandOverView View, HandOverPack Pack)>((view, pack)))
            : Counted(ReadOperation, new HandOverNotFound("hand-over", handOverId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public async Task<HandOverOutcome> Update(ClaimsPrincipal user, long handOverId, IReadOnlyList<string>? successors, string? stage, bool? notesConfirmed, CancellationToken cancellationToken)
    {
        CustomerStage? parsedStage = null;
        if (stage is not null)
        {
            if (!Enum.TryParse<CustomerStage>(stage.Trim(), ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(stage, out _))
            {
                return Counted(UpdateOperation, new HandOverInvalid(new Dictionary<string, string[]> { ["stage"] = [$"One of {string.Join(", ", Enum.GetNames<CustomerStage>())}."] }));
            }

            parsedStage = s;
        }

        var (before, refusal) = await Seen(user, handOverId, UpdateOperation, manage: true, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var trimmed = successors?.Select(s => (s ?? "").Trim()).ToList();
        return Changed(UpdateOperation, user, handOverId, await book.Update(handOverId, trimmed, parsedStage, notesConfirmed, cancellationToken), successorsAreInput: true, before!.Record);
    }

    public async Task<HandOverOutcome> Complete(ClaimsPrincipal user, long handOverId, CancellationToken cancellationToken)
    {
        var (before, refusal) = await Seen(user, handOverId, CompleteOperation, manage: true, cancellationToken);
        return refusal ?? Changed(CompleteOperation, user, handOverId, await book.Complete(handOverId, user.Identity?.Name ?? "unknown", cancellationToken), successorsAreInput: false, before!.Record);
    }

    private HandOverOutcome Changed(string operation, ClaimsPrincipal user, long handOverId, HandOverChange change, bool successorsAreInput, HandOverRecord before)
    {
        var id = handOverId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (change is HandOverChanged { HandOver: var after })
        {
            // Successors named before and after: one dropped from a hand-over sees it leave their list.
            notices.Changed(new HandOverListChange(
                after.DepartingRepId,
                after.StoreId,
                after.DepartmentId,
                after.RegionId,
                [.. before.Successors.Union(after.Successors, StringComparer.Ordinal)],
                after.CompletedAt is null ? HandOverListChangeKind.Updated : HandOverListChangeKind.Completed));
        }

        return change switch
        {
            HandOverChanged changed => Counted(operation, new HandOverDone<(HandOverView View, bool RepGone)>((View(user.ToViewerScope(), changed.HandOver, clock.GetUtcNow()), changed.RepGone))),
            HandOverGapsFound { Gaps: var gaps } when successorsAreInput => Counted(operation, new HandOverInvalid(new Dictionary<string, string[]>
            {
                ["successors"] = [.. gaps.Select(g => $"{HandOverRules.Of(g)}: {HandOverRules.Explain(g, Options)}")],
            })),
            HandOverGapsFound { Gaps: var gaps } => Counted(operation, new HandOverConflict(
                HandOverRules.Gaps,
                "The hand-over cannot be completed yet: " + string.Join(" ", gaps.Select(g => HandOverRules.Explain(g, Options))),
                new Dictionary<string, object?> { ["gaps"] = gaps.Select(HandOverRules.Of).ToArray() })),
            HandOverAlreadyCompleted { CompletedAt: var at } => Counted(operation, new HandOverConflict(
                HandOverRules.Completed, $"Hand-over {id} was completed at {at:u}; a completed hand-over does not change.", new Dictionary<string, object?> { ["completedAt"] = at })),
            _ => Counted(operation, new HandOverNotFound("hand-over", id)),
        };
    }

    private async Task<(HandOverView? View, HandOverOutcome? Refusal)> Seen(ClaimsPrincipal user, long handOverId, string operation, bool manage, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var id = handOverId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await book.Find(handOverId, cancellationToken) is not { } record
            || !HandOverAccessRule.CanSee(viewer, record.StoreId, record.DepartmentId, record.RegionId, record.Successors))
        {
            return (null, Counted(operation, new HandOverNotFound("hand-over", id)));
        }

        var view = View(viewer, record, clock.GetUtcNow());
        return manage && !view.CanManage
            ? (view, Counted(operation, new HandOverForbidden("not-team-manager", $"Hand-over {id} is worked by the manager of store '{record.StoreId}', a sales manager of '{record.DepartmentId}' or an administrator.")))
            : (view, null);
    }

    /// <summary>The same hand-over judged again at <paramref name="now"/>: an open page's countdowns move on without a read.</summary>
    public HandOverView AtNow(HandOverView view, DateTimeOffset now) =>
        view with { State = HandOverRule.Evaluate(view.Record.ForRule(), now, Options) };

    private HandOverView View(ViewerScope viewer, HandOverRecord record, DateTimeOffset now) =>
        new(record, HandOverRule.Evaluate(record.ForRule(), now, Options), HandOverAccessRule.CanManage(viewer, record.StoreId, record.DepartmentId));

    /// <summary>
    /// Starts the departure grain's overdue watch. The departure is committed already; a watch that fails to start is
    /// logged and answered (<c>watching</c>: false) and started again by <see cref="DepartureWatchResume"/> when a command
    /// center starts.
    /// </summary>
    private async Task<bool> Watch(DepartureStarted started)
    {
        if (started.Gone)
        {
            return false;
        }

        try
        {
            await grains.GetGrain<IDepartureGrain>(started.RepId).Watch();
            return true;
        }
        catch (Exception ex)
        {
            LogWatchFailed(ex, started.RepId);
            metrics.Rejected(StartOperation, "watch_not_started");
            return false;
        }
    }

    private HandOverOutcome Counted(string operation, HandOverOutcome outcome)
    {
        switch (outcome)
        {
            case HandOverNotFound:
                metrics.Rejected(operation, "not_found");
                break;
            case HandOverForbidden f:
                metrics.Rejected(operation, f.Rule.Replace('-', '_'));
                break;
            case HandOverConflict c:
                metrics.Rejected(operation, c.Rule.Replace('-', '_'));
                break;
            case HandOverInvalid i:
                metrics.Rejected(operation, "invalid_" + i.Errors.Keys.First());
                break;
            default:
                metrics.Accepted(operation);
                break;
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Departure of rep {RepId} started, but its overdue watch did not: it is started again when a command center starts")]
    private partial void LogWatchFailed(Exception exception, string repId);
}

/// <summary>A departure started: its hand-overs, when they are due, whether the rep is gone already (no customers), whether the overdue watch runs.</summary>
public sealed record DepartureAnswer(long DepartureId, string RepId, DateTimeOffset StartedAt, DateTimeOffset DueAt, int HandOvers, bool Gone, bool Watching);
