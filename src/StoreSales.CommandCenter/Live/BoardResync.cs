using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Stores;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// Brings the open store boards of this host up to date after a failover instead of leaving them to their store's next
/// sale. When the silo connections change (<see cref="BoardResyncSignal"/>) it renews the live subscription at once and
/// reads every store a board of this host has opened from its grain; a store whose read fails (its silo not yet declared
/// dead, its grain not yet re-activated from the ledger) is read again every <see cref="BoardOptions.ResyncRetryInterval"/>
/// for <see cref="BoardOptions.ResyncWindow"/>. What it reads goes out through <see cref="LiveBoardFeed.Deliver"/>, which
/// never sends anything older than a board already has. A change during a resync starts it over for every store.
/// </summary>
public sealed partial class BoardResync(
    IClusterClient cluster,
    LiveBoardFeed feed,
    BoardResyncSignal signal,
    TimeProvider clock,
    IOptions<BoardOptions> options,
    ILogger<BoardResync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var reason = await signal.Next(stoppingToken);
                await Resync(reason, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task Resync(string reason, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = clock.GetUtcNow();
        feed.RenewNow();
        var pending = feed.FollowedStores.ToHashSet(StringComparer.Ordinal);
        var sent = 0;
        var reads = 0;
        while (pending.Count > 0)
        {
            if (signal.TryTake(out var again))
            {
                // The connections changed again (the replacement silo joined): every store once more, the window from now.
                reason = again;
                started = clock.GetUtcNow();
                feed.RenewNow();
                pending = feed.FollowedStores.ToHashSet(StringComparer.Ordinal);
            }

            reads++;
            foreach (var (storeId, progress) in await Task.WhenAll(pending.Select(id => Read(id, settings.ResyncRetryInterval, cancellationToken))))
            {
                if (progress is null)
                {
                    continue;
                }

                pending.Remove(storeId);
                sent += await feed.Deliver(progress) ? 1 : 0;
            }

            if (pending.Count == 0)
            {
                break;
            }

            if (clock.GetUtcNow() - started >= settings.ResyncWindow)
            {
                LogGaveUp(pending.Count, settings.ResyncWindow, reason);
                return;
            }

            await Task.Delay(settings.ResyncRetryInterval, clock, cancellationToken);
        }

        LogResynced(reason, sent, reads, (clock.GetUtcNow() - started).TotalMilliseconds);
    }

    /// <summary>The store's progress from its grain, or null when it did not answer within <paramref name="timeout"/>.</summary>
    private async Task<(string StoreId, StoreProgress? Progress)> Read(string storeId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return (storeId, await cluster.GetGrain<IStoreGrain>(storeId).GetProgress().WaitAsync(timeout, clock, cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(storeId, exception.GetType().Name);
            return (storeId, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Boards read again after '{Reason}': {Sent} stores had news, {Reads} rounds, {Elapsed:0} ms")]
    private partial void LogResynced(string reason, int sent, int reads, double elapsed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store {StoreId} not read yet after a silo change ({Failure}); trying again")]
    private partial void LogReadFailed(string storeId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} stores could not be read within {Window} after '{Reason}'; their boards wait for the stores' next update")]
    private partial void LogGaveUp(int count, TimeSpan window, string reason);
}
