using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Reps;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Reps;
using StoreSales.Data.StoreEvents;
using StoreSales.Domain.Access;
using StoreSales.Domain.Targets.StoreEvents;

namespace StoreSales.CommandCenter.StoreEvents;

/// <summary>
/// Records, edits, cancels and lists store events for the API and the page alike (docs/domain.md "Store events"):
/// scoped by <see cref="StoreEventAccessRule"/>, checked by <see cref="StoreEventRule"/>, counted in
/// <see cref="StoreEventMetrics"/>, and told to the store grain and its reps' grains after the commit so their boards re-pace at once.
/// </summary>
public sealed partial class StoreEventDesk(
    IChainDirectory directory,
    StoreEventBook book,
    StoreEventMetrics metrics,
    IOptions<StoreEventOptions> options,
    IClusterClient cluster,
    StoreReps storeReps,
    ILogger<StoreEventDesk> logger)
{
    public const string RecordOperation = "record";
    public const string EditOperation = "edit";
    public const string CancelOperation = "cancel";
    public const string ReadOperation = "read";

    public StoreEventOptions Options => options.Value;

    public async Task<StoreEventOutcome> Record(ClaimsPrincipal user, string? storeId, StoreEventDraft draft, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(storeId))
        {
            return Count(RecordOperation, new StoreEventOutcome.Invalid(Field("storeId", "Required.")));
        }

        var (store, refusal) = await Writable(user, storeId.Trim(), cancellationToken);
        if (refusal is not null)
        {
            return Count(RecordOperation, refusal);
        }

        var check = StoreEventRule.Check(draft, options.Value);
        if (!check.IsValid)
        {
            return Count(RecordOperation, new StoreEventOutcome.Invalid(check.Errors));
        }

        var recorded = await book.Record(store!.StoreId, check.Event!, Who(user), cancellationToken);
        await TellStore(recorded.StoreId);
        return Count(RecordOperation, new StoreEventOutcome.Done(recorded));
    }

    public async Task<StoreEventOutcome> Edit(ClaimsPrincipal user, long eventId, string? storeId, StoreEventDraft draft, CancellationToken cancellationToken)
    {
        if (await Existing(user, eventId, cancellationToken) is not { } existing)
        {
            return Count(EditOperation, new StoreEventOutcome.NotFound("store event", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var (_, refusal) = await Writable(user, existing.StoreId, cancellationToken);
        if (refusal is not null)
        {
            return Count(EditOperation, refusal);
        }

        if (existing.CancelledAt is not null)
        {
            return Count(EditOperation, new StoreEventOutcome.Cancelled(existing));
        }

        if (storeId is not null && !string.Equals(storeId.Trim(), existing.StoreId, StringComparison.Ordinal))
        {
            return Count(EditOperation, new StoreEventOutcome.Invalid(Field("storeId", $"An event stays with its store ('{existing.StoreId}'): cancel it and record a new one at the other store.")));
        }

        var check = StoreEventRule.Check(draft, options.Value);
        if (!check.IsValid)
        {
            return Count(EditOperation, new StoreEventOutcome.Invalid(check.Errors));
        }

        var edit = await book.Edit(eventId, check.Event!, Who(user), cancellationToken);
        StoreEventOutcome outcome = edit switch
        {
            { After: { } after } => new StoreEventOutcome.Done(after),
            { Before: { } cancelled } => new StoreEventOutcome.Cancelled(cancelled),
            _ => new StoreEventOutcome.NotFound("store event", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (outcome is StoreEventOutcome.Done)
        {
            await TellStore(existing.StoreId);
        }

        return Count(EditOperation, outcome);
    }

    public async Task<StoreEventOutcome> Cancel(ClaimsPrincipal user, long eventId, CancellationToken cancellationToken)
    {
        if (await Existing(user, eventId, cancellationToken) is not { } existing)
        {
            return Count(CancelOperation, new StoreEventOutcome.NotFound("store event", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var (_, refusal) = await Writable(user, existing.StoreId, cancellationToken);
        if (refusal is not null)
        {
            return Count(CancelOperation, refusal);
        }

        var cancel = await book.Cancel(eventId, Who(user), cancellationToken);
        StoreEventOutcome outcome = cancel switch
        {
            { After: { } after } => new StoreEventOutcome.Done(after),
            { Before: { } cancelled } => new StoreEventOutcome.Cancelled(cancelled),
            _ => new StoreEventOutcome.NotFound("store event", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (outcome is StoreEventOutcome.Done)
        {
            await TellStore(existing.StoreId);
        }

        return Count(CancelOperation, outcome);
    }

    /// <summary>The event when the viewer may see its store; null for an unknown event and one out of scope alike.</summary>
    public async Task<StoreEventRecord?> Existing(ClaimsPrincipal user, long eventId, CancellationToken cancellationToken)
    {
        var found = await book.Find(eventId, cancellationToken);
        return found is not null && await Visible(user, found.StoreId, cancellationToken) is not null ? found : null;
    }

    /// <summary>The store when the viewer may read its events; null when it is unknown or out of scope.</summary>
    public async Task<StoreProfile?> Visible(ClaimsPrincipal user, string storeId, CancellationToken cancellationToken)
    {
        var store = await directory.FindStore(storeId, cancellationToken);
        return store is not null && StoreEventAccessRule.CanRead(user.ToViewerScope(), store.StoreId, store.RegionId) ? store : null;
    }

    /// <summary>Whether the viewer records this store's events (for the page's buttons; the desk checks again on every change).</summary>
    public static bool CanRecord(ClaimsPrincipal user, StoreProfile store) => StoreEventAccessRule.CanRecord(user.ToViewerScope(), store.StoreId, store.RegionId);

    public async Task<IReadOnlyList<StoreEventRecord>> List(IReadOnlyCollection<string> storeIds, DateTimeOffset from, DateTimeOffset to, bool includeCancelled, CancellationToken cancellationToken)
    {
        var events = await book.List(storeIds, from, to, includeCancelled, cancellationToken);
        metrics.Accepted(ReadOperation);
        return events;
    }

    public Task<IReadOnlyList<StoreEventChange>> Changes(long eventId, CancellationToken cancellationToken) => book.Changes(eventId, cancellationToken);

    /// <summary>Counts a refusal of a read (the API's 400 and 404 on queries).</summary>
    public void ReadRefused(string reason) => metrics.Rejected(ReadOperation, reason);

    private async Task<(StoreProfile? Store, StoreEventOutcome? Refusal)> Writable(ClaimsPrincipal user, string storeId, CancellationToken cancellationToken)
    {
        if (await Visible(user, storeId, cancellationToken) is not { } store)
        {
            return (null, new StoreEventOutcome.NotFound("store", storeId));
        }

        return CanRecord(user, store)
            ? (store, null)
            : (null, new StoreEventOutcome.NotAllowed($"The events of store '{storeId}' are recorded by its store manager, its regional manager or HQ."));
    }

    private StoreEventOutcome Count(string operation, StoreEventOutcome outcome)
    {
        switch (outcome)
        {
            case StoreEventOutcome.Done:
                metrics.Accepted(operation);
                break;
            case StoreEventOutcome.Invalid invalid:
                metrics.Rejected(operation, "invalid_" + SnakeCase(invalid.Errors.Keys.First()));
                break;
            case StoreEventOutcome.NotFound:
                metrics.Rejected(operation, "not_found");
                break;
            case StoreEventOutcome.NotAllowed:
                metrics.Rejected(operation, "not_allowed");
                break;
            case StoreEventOutcome.Cancelled:
                metrics.Rejected(operation, "cancelled");
                break;
        }

        return outcome;
    }

    /// <summary>
    /// The store grain and its active reps' grains re-pace now (a rep paces around its store's closures too). The event
    /// is committed either way: a grain that cannot be reached reads it at its next master-data refresh
    /// (<c>Live:MasterDataRefreshInterval</c>).
    /// </summary>
    private async Task TellStore(string storeId)
    {
        try
        {
            await cluster.GetGrain<IStoreGrain>(storeId).ReloadTarget();
            var reps = await storeReps.Of(storeId, CancellationToken.None);
            await Task.WhenAll(reps.Where(r => r.Active).Select(r => cluster.GetGrain<IRepGrain>(r.RepId).ReloadTarget()));
        }
        catch (Exception ex)
        {
            LogReloadFailed(ex, storeId);
        }
    }

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static Dictionary<string, string[]> Field(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    private static string SnakeCase(string name) =>
        string.Concat(name.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: the store grain or one of its reps' was not told of a changed store event; its next master-data refresh reads it")]
    private partial void LogReloadFailed(Exception exception, string storeId);
}
