using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Targets;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.CommandCenter.Targets;

/// <summary>
/// What the targets API and the <c>/targets</c> page do, in one place so both scope, refuse and count alike
/// (docs/domain.md "Sales targets"): a target out of the viewer's sight is unknown; setting one is HQ's for regions, a
/// regional manager's (or HQ's) for their stores, a store manager's for their reps (<see cref="TargetAccessRule"/>); the
/// freeze and the amount rules are <see cref="TargetChangeRule"/>'s, enforced again by the write path itself. After a
/// commit the grains re-pace (<see cref="TargetGrainNotifier"/>).
/// </summary>
public sealed class TargetDesk(
    TargetBook book,
    TargetWriter writer,
    TargetChangeRequests requests,
    TargetGrainNotifier grains,
    TargetMetrics metrics,
    IClusterClient cluster,
    IOptions<TargetFreezeOptions> freeze,
    IOptions<ChainCalendarOptions> calendar,
    [FromKeyedServices(TargetClock.Key)] TimeProvider clock)
{
    /// <summary>Change requests listed at most.</summary>
    public const int RequestListLimit = 500;

    public TargetFreezeOptions Freeze => freeze.Value;

    /// <summary>The month it is now on the chain's calendar: the month the targets page opens on.</summary>
    public DateOnly ThisMonth() => TargetMonth.Of(ChainCalendar.DateOf(clock.GetUtcNow(), calendar.Value.Zone()));

    /// <summary>The subject when the viewer may see it; null when it does not exist or is out of sight (not told apart).</summary>
    public async Task<TargetSubject?> Visible(ClaimsPrincipal user, TargetLevel level, string subjectId, CancellationToken cancellationToken)
    {
        var subject = await book.Subject(level, subjectId, cancellationToken);
        return subject is not null && Sees(user.ToViewerScope(), subject.Level, subject.SubjectId, subject.RegionId, subject.StoreId) ? subject : null;
    }

    /// <summary>
    /// One target with its freeze and its daily split: a store or rep on the store's pace, a region on its stores' paces
    /// added up (each store weighted by its own target for the month, or all alike while any store has none).
    /// </summary>
    public async Task<TargetView?> Get(ClaimsPrincipal user, TargetLevel level, string subjectId, DateOnly month, bool withDays, CancellationToken cancellationToken)
    {
        const string operation = "get";
        if (await Visible(user, level, subjectId, cancellationToken) is not { } subject)
        {
            metrics.Rejected(operation, "not_found");
            return null;
        }

        var amount = await book.Amount(level, subjectId, month, cancellationToken);
        IReadOnlyList<DayAmount>? days = null;
        if (withDays && subject.StoreId is { } storeId)
        {
            // The rep follows its store's pace: the store's grain splits either (docs/domain.md "Rep targets").
            days = await cluster.GetGrain<IStoreGrain>(storeId).SplitByDay(month, amount ?? 0m);
        }
        else if (withDays && level == TargetLevel.Region)
        {
            days = await RegionDays(subjectId, month, amount ?? 0m, cancellationToken);
        }

        metrics.Accepted(operation);
        return View(user.ToViewerScope(), subject, month, amount, days);
    }

    private async Task<IReadOnlyList<DayAmount>> RegionDays(string regionId, DateOnly month, decimal amount, CancellationToken cancellationToken)
    {
        var stores = await book.Stores(regionId, month, cancellationToken);
        var weighted = stores.Count > 0 && stores.All(s => s.Amount > 0m);
        var splits = await Task.WhenAll(stores.Select(s => cluster.GetGrain<IStoreGrain>(s.SubjectId).SplitByDay(month, weighted ? s.Amount!.Value : 1m)));
        var weights = splits.SelectMany(split => split).Select(d => new DayTarget(d.Day, d.Amount));
        return [.. DailySplit.Apportion(amount, month, weights).Select(d => new DayAmount(d.Day, d.Amount))];
    }

    /// <summary>The targets of a level the viewer may see: regions; a region's stores; a store's reps.</summary>
    public async Task<IReadOnlyList<TargetView>> List(ClaimsPrincipal user, TargetLevel level, string? parentId, DateOnly month, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var lines = level switch
        {
            TargetLevel.Region => await book.Regions(month, cancellationToken),
            TargetLevel.Store => await book.Stores(parentId, month, cancellationToken),
            _ => await book.Reps(parentId, month, cancellationToken),
        };
        var visible = lines.Where(l => Sees(viewer, level, l.SubjectId, l.RegionId, l.StoreId)).ToList();
        var zones = await StoreZones(level, visible, cancellationToken);
        metrics.Accepted("list");
        return [.. visible.Select(l => View(viewer, new TargetSubject(level, l.SubjectId, l.RegionId, l.StoreId, zones(l)), month, l.Amount, null) with { Name = l.Name })];
    }

    /// <summary>Sets a target directly (before the freeze).</summary>
    public async Task<TargetOutcome> Set(ClaimsPrincipal user, TargetLevel level, string subjectId, DateOnly month, decimal amount, string? reason, CancellationToken cancellationToken)
    {
        const string operation = "set";
        if (await SetterRefusal(user, level, subjectId, cancellationToken) is { } refusal)
        {
            return Refuse(operation, refusal);
        }

        switch (await writer.Apply([new TargetWrite(level, subjectId, month, amount, reason)], Actor(user), TargetChangeSource.Edit, cancellationToken))
        {
            case TargetsWritten written:
                await grains.Repace(written.Changes);
                metrics.Accepted(operation);
                return new TargetOutcome(written.Changes, null, null, false, null);
            case TargetWriteRefused refused:
                return Refuse(operation, new TargetOutcome([], null, refused.Refused, false, null));
            default:
                return Refuse(operation, TargetOutcome.NotFound);
        }
    }

    /// <summary>Files a change request for a frozen month; whoever may set the target may ask.</summary>
    public async Task<TargetOutcome> Request(ClaimsPrincipal user, TargetLevel level, string subjectId, DateOnly month, decimal amount, string? reason, CancellationToken cancellationToken)
    {
        const string operation = "request";
        if (await SetterRefusal(user, level, subjectId, cancellationToken) is { } refusal)
        {
            return Refuse(operation, refusal);
        }

        switch (await requests.File(level, subjectId, month, amount, reason, Actor(user), cancellationToken))
        {
            case TargetRequestFiled filed:
                metrics.Accepted(operation);
                return new TargetOutcome([], filed.Request, null, false, null);
            case TargetRequestRefused refused:
                return Refuse(operation, new TargetOutcome([], null, refused.Refused, false, null));
            default:
                return Refuse(operation, TargetOutcome.NotFound);
        }
    }

    /// <summary>The change requests of the month (all months when null) whose target the viewer may see.</summary>
    public async Task<IReadOnlyList<TargetChangeRequest>> Requests(ClaimsPrincipal user, DateOnly? month, bool pendingOnly, CancellationToken cancellationToken)
    {
        var all = await requests.List(month, pendingOnly, RequestListLimit, cancellationToken);
        var visible = new List<TargetChangeRequest>();
        foreach (var request in all)
        {
            if (await Visible(user, request.Level, request.SubjectId, cancellationToken) is not null)
            {
                visible.Add(request);
            }
        }

        metrics.Accepted("list-requests");
        return visible;
    }

    /// <summary>Approves or rejects a request; an approval writes the target and re-paces its grain.</summary>
    public async Task<TargetOutcome> Decide(ClaimsPrincipal user, long requestId, bool approve, string? note, CancellationToken cancellationToken)
    {
        var operation = approve ? "approve" : "reject";
        if (await requests.Find(requestId, cancellationToken) is not { } request
            || await Visible(user, request.Level, request.SubjectId, cancellationToken) is null)
        {
            return Refuse(operation, TargetOutcome.NotFound);
        }

        var viewer = user.ToViewerScope();
        switch (await requests.Decide(requestId, approve, Actor(user), viewer.Roles, note, cancellationToken))
        {
            case TargetRequestDecided decided:
                await grains.Repace(decided.Changes);
                metrics.Accepted(operation);
                return new TargetOutcome(decided.Changes, decided.Request, null, false, null);
            case TargetRequestRefused refused:
                return Refuse(operation, new TargetOutcome([], null, refused.Refused, false, null));
            default:
                return Refuse(operation, TargetOutcome.NotFound);
        }
    }

    /// <summary>The audit trail of the month the viewer may see, oldest first; of one level or subject when given.</summary>
    public async Task<IReadOnlyList<TargetChangeEntry>> Changes(ClaimsPrincipal user, DateOnly month, TargetLevel? level, string? subjectId, CancellationToken cancellationToken)
    {
        var viewer = user.ToViewerScope();
        var entries = await book.Changes(month, level, subjectId, cancellationToken);
        metrics.Accepted("audit");
        return [.. entries.Where(e => Sees(viewer, e.Level, e.SubjectId, e.RegionId, e.StoreId))];
    }

    /// <summary>Why the viewer may not set (nor ask to change) this target: out of sight (unknown), or not theirs; null when theirs.</summary>
    private async Task<TargetOutcome?> SetterRefusal(ClaimsPrincipal user, TargetLevel level, string subjectId, CancellationToken cancellationToken) =>
        await Visible(user, level, subjectId, cancellationToken) is not { } subject ? TargetOutcome.NotFound
        : !CanSet(user.ToViewerScope(), subject) ? TargetOutcome.NotAllowed(level)
        : null;

    /// <summary>Counts a refusal the API made before reaching the desk (a malformed month or body).</summary>
    public void Refused(string operation, string reason) => metrics.Rejected(operation, reason);

    public static bool CanSet(ViewerScope viewer, TargetSubject subject) => subject.Level switch
    {
        TargetLevel.Region => TargetAccessRule.CanSetRegion(viewer),
        TargetLevel.Store => TargetAccessRule.CanSetStore(viewer, subject.RegionId),
        _ => subject.StoreId is { } storeId && TargetAccessRule.CanSetRep(viewer, storeId),
    };

    private static bool Sees(ViewerScope viewer, TargetLevel level, string subjectId, string regionId, string? storeId) => level switch
    {
        TargetLevel.Region => viewer.CanSeeRegion(regionId),
        TargetLevel.Store => viewer.CanSeeStore(subjectId, regionId),
        _ => storeId is not null && viewer.CanSeeRep(subjectId, storeId, regionId),
    };

    private TargetView View(ViewerScope viewer, TargetSubject subject, DateOnly month, decimal? amount, IReadOnlyList<DayAmount>? days)
    {
        var freezesAt = subject.FreezesAt(month, calendar.Value.Zone(), freeze.Value);
        return new TargetView(
            subject.Level, subject.SubjectId, subject.SubjectId, subject.RegionId, subject.StoreId, TargetMonth.Of(month), amount, freezesAt,
            clock.GetUtcNow() >= freezesAt, CanSet(viewer, subject), days);
    }

    // A region's zones are its stores'; a store's or rep's is its store's. Read once per list, not per line.
    private async Task<Func<TargetLine, IReadOnlyList<string>>> StoreZones(TargetLevel level, List<TargetLine> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return _ => [];
        }

        var stores = await book.StoreZones(cancellationToken);
        var zoneOf = stores.ToDictionary(z => z.StoreId, z => z.TimeZone, StringComparer.Ordinal);
        return level == TargetLevel.Region
            ? line => [.. stores.Where(s => s.RegionId == line.RegionId).Select(s => s.TimeZone).Distinct().Order(StringComparer.Ordinal)]
            : line => line.StoreId is { } storeId && zoneOf.TryGetValue(storeId, out var zone) ? [zone] : [];
    }

    private TargetOutcome Refuse(string operation, TargetOutcome outcome)
    {
        metrics.Rejected(operation, outcome.Unknown ? "not_found" : outcome.Forbidden is not null ? "not_allowed" : outcome.Refused!.Rule);
        return outcome;
    }

    private static string Actor(ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("A target change needs a signed-in person.");
}

/// <summary>A target as the API and page show it: its amount (null: none set), when its month freezes, and the daily split.</summary>
public sealed record TargetView(
    TargetLevel Level,
    string SubjectId,
    string Name,
    string RegionId,
    string? StoreId,
    DateOnly Month,
    decimal? Amount,
    DateTimeOffset FreezesAt,
    bool Frozen,
    bool CanSet,
    IReadOnlyList<DayAmount>? Days);

/// <summary>
/// What a change did: the targets it changed, or the request filed or decided; else why not (<see cref="Refused"/> a rule,
/// <see cref="Forbidden"/> not this viewer's to set, <see cref="Unknown"/> no such subject or request in sight).
/// </summary>
public sealed record TargetOutcome(IReadOnlyList<TargetChanged> Changes, TargetChangeRequest? Request, TargetRefused? Refused, bool Unknown, string? Forbidden)
{
    public static readonly TargetOutcome NotFound = new([], null, null, true, null);

    public static TargetOutcome NotAllowed(TargetLevel level) => new([], null, null, false, level switch
    {
        TargetLevel.Region => "Region targets are set by HQ.",
        TargetLevel.Store => "A store's target is set by its region's manager or HQ.",
        _ => "A rep's target is set by the manager of the rep's store.",
    });

    public bool Succeeded => Refused is null && !Unknown && Forbidden is null;
}
