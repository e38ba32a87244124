using System.Collections.Concurrent;
using Orleans.Storage;

namespace StoreSales.Grains.Tests;

/// <summary>
/// Grain storage in memory whose writes can be made to vanish for chosen grains, as if the silo died before
/// writing: the grain believes its state is saved, the next activation reads the older row.
/// </summary>
public sealed class CrashableGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, bool> _crashed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);

    /// <summary>From now on, writes of the grain with this key are lost.</summary>
    public void Crash(string key) => _crashed[key] = true;

    /// <summary>Writes the grain with this key attempted, kept or lost.</summary>
    public int Writes(string key) => _writes.GetValueOrDefault(key);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    // As the ADO.NET storage does, a write whose token is cancelled fails before it starts (and is not counted): a grain
    // that cancels its own checkpoint shows here as it would in production.
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = grainId.Key.ToString()!;
        try
        {
            return _crashed.ContainsKey(key) ? Task.CompletedTask : inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writes.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
