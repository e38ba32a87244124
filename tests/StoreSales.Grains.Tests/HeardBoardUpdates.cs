using System.Collections.Concurrent;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Grains.Tests;

/// <summary>
/// A board host as the live notifier sees it: subscribed to the board directory as a command center's host is, it keeps
/// what it was sent, in order, until disposed (then it leaves the directory).
/// </summary>
internal sealed class HeardBoardUpdates : ILiveBoardObserver, IAsyncDisposable
{
    private readonly ConcurrentQueue<StoreProgress> _stores = new();
    private readonly ConcurrentQueue<HeatmapScan> _scans = new();
    private IClusterClient? _client;
    private ILiveBoardObserver? _reference;

    private HeardBoardUpdates()
    {
    }

    public IReadOnlyList<StoreProgress> Stores => [.. _stores];

    public IReadOnlyList<HeatmapScan> Scans => [.. _scans];

    /// <summary>
    /// A host in the directory. The notifier keeps its list of hosts a moment, so the first publishes after this may
    /// still go elsewhere: a test keeps its till busy until the host has heard something.
    /// </summary>
    public static async Task<HeardBoardUpdates> Subscribe(IClusterClient client)
    {
        var heard = new HeardBoardUpdates { _client = client };
        heard._reference = client.CreateObjectReference<ILiveBoardObserver>(heard);
        await client.GetGrain<ILiveBoardDirectoryGrain>(0).Subscribe(heard._reference);
        return heard;
    }

    public Task OnUpdates(LiveUpdateBatch batch)
    {
        foreach (var store in batch.Stores)
        {
            _stores.Enqueue(store);
        }

        foreach (var scan in batch.Scans)
        {
            _scans.Enqueue(scan);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null && _reference is not null)
        {
            await _client.GetGrain<ILiveBoardDirectoryGrain>(0).Unsubscribe(_reference);
            _client.DeleteObjectReference<ILiveBoardObserver>(_reference);
        }
    }
}
