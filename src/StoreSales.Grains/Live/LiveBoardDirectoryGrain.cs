using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Live;

namespace StoreSales.Grains.Live;

/// <summary>
/// Which hosts listen for live updates. Hosts renew their subscription periodically; the list of hosts (not their
/// renewals) is also written to grain storage, so when the silo holding the directory dies, the directory activated on
/// another silo serves every host at once instead of after each host's next renewal: boards go on updating as soon as
/// the cluster has declared the silo dead. A host that went away meanwhile expires after one lifetime as before.
/// </summary>
public sealed class LiveBoardDirectoryGrain : Grain, ILiveBoardDirectoryGrain
{
    private readonly Dictionary<ILiveBoardObserver, DateTimeOffset> _observers = [];
    private readonly IPersistentState<LiveBoardDirectoryState> _stored;
    private readonly TimeProvider _clock;
    private readonly LiveOptions _live;

    public LiveBoardDirectoryGrain(
        [PersistentState("directory", GrainStorageNames.Live)] IPersistentState<LiveBoardDirectoryState> stored,
        TimeProvider clock,
        IOptions<LiveOptions> live)
    {
        _stored = stored;
        _clock = clock;
        _live = live.Value;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Each stored host gets a full lifetime from now: a live one renews within it, a dead one is dropped after it.
        var until = _clock.GetUtcNow() + _live.SubscriptionLifetime;
        foreach (var observer in _stored.State.Observers)
        {
            _observers[observer] = until;
        }

        return Task.CompletedTask;
    }

    async Task ILiveBoardDirectoryGrain.Subscribe(ILiveBoardObserver observer)
    {
        var known = _observers.ContainsKey(observer);
        _observers[observer] = _clock.GetUtcNow() + _live.SubscriptionLifetime;
        if (!known)
        {
            // Written when the set of hosts changes only, never on a renewal.
            await Store();
            HostsChanged();
        }
    }

    async Task ILiveBoardDirectoryGrain.Unsubscribe(ILiveBoardObserver observer)
    {
        if (_observers.Remove(observer))
        {
            await Store();
            HostsChanged();
        }
    }

    /// <summary>
    /// The notifier of this silo reads the hosts again before its next send, so a host that just subscribed hears the next
    /// update rather than one a few seconds later; the other silos' notifiers read them within their list's lifetime.
    /// </summary>
    private void HostsChanged() => _ = GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).HostsChanged();

    Task<ImmutableArray<ILiveBoardObserver>> ILiveBoardDirectoryGrain.GetObservers()
    {
        var now = _clock.GetUtcNow();
        foreach (var expired in _observers.Where(o => o.Value < now).Select(o => o.Key).ToList())
        {
            _observers.Remove(expired);
        }

        // An expired host stays in storage until the set changes again: read back, it expires once more after a lifetime.
        return Task.FromResult(_observers.Keys.ToImmutableArray());
    }

    private async Task Store()
    {
        _stored.State.Observers = [.. _observers.Keys];
        await _stored.WriteStateAsync();
    }
}
