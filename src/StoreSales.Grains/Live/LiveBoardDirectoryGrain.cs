using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Live;

namespace StoreSales.Grains.Live;

/// <summary>
/// Which hosts listen for live updates. Kept in memory only: hosts renew their subscription periodically,
/// so after a silo restart the list fills again by itself within one renewal period.
/// </summary>
public sealed class LiveBoardDirectoryGrain : Grain, ILiveBoardDirectoryGrain
{
    private readonly Dictionary<ILiveBoardObserver, DateTimeOffset> _observers = [];
    private readonly TimeProvider _clock;
    private readonly LiveOptions _live;

    public LiveBoardDirectoryGrain(TimeProvider clock, IOptions<LiveOptions> live)
    {
        _clock = clock;
        _live = live.Value;
    }

    Task ILiveBoardDirectoryGrain.Subscribe(ILiveBoardObserver observer)
    {
        _observers[observer] = _clock.GetUtcNow() + _live.SubscriptionLifetime;
        return Task.CompletedTask;
    }

    Task ILiveBoardDirectoryGrain.Unsubscribe(ILiveBoardObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    Task<ImmutableArray<ILiveBoardObserver>> ILiveBoardDirectoryGrain.GetObservers()
    {
        var now = _clock.GetUtcNow();
        foreach (var expired in _observers.Where(o => o.Value < now).Select(o => o.Key).ToList())
        {
            _observers.Remove(expired);
        }

        return Task.FromResult(_observers.Keys.ToImmutableArray());
    }
}
