using Microsoft.Extensions.Options;

namespace StoreSales.Data.HotItems;

/// <summary>
/// Puts the heatmap read in front of PostgreSQL once per <see cref="HotItemHeatmapOptions.CacheFor"/> for each
/// (window, region, metric): every HQ page asking in that interval shares one result, and pages that ask while a
/// read is running wait for that read instead of starting their own. A failed read is not kept.
/// </summary>
public sealed class HotItemHeatmapCache(HotItemHeatmapReader reader, TimeProvider clock, IOptions<HotItemHeatmapOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(HeatmapWindow, string?, HeatmapMetric), (DateTimeOffset ReadAt, Task<HotItemHeatmap> Read)> _entries = [];

    public Task<HotItemHeatmap> Get(HeatmapWindow window, string? regionId, HeatmapMetric metric, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cacheFor = options.Value.CacheFor;
        if (cacheFor <= TimeSpan.Zero)
        {
            return reader.Heatmap(window, regionId, metric, now, cancellationToken);
        }

        Task<HotItemHeatmap> read;
        lock (_gate)
        {
            var key = (window, regionId, metric);
            if (!_entries.TryGetValue(key, out var entry) || now - entry.ReadAt >= cacheFor || entry.Read.IsFaulted || entry.Read.IsCanceled)
            {
                // Forget what has expired, so region ids that are asked once do not pile up.
                foreach (var old in _entries.Where(e => now - e.Value.ReadAt >= cacheFor).Select(e => e.Key).ToList())
                {
                    _entries.Remove(old);
                }

                // Shared by every waiting page: one page closing must not cancel the others' read.
                entry = (now, reader.Heatmap(window, regionId, metric, now, CancellationToken.None));
                _entries[key] = entry;
            }

            read = entry.Read;
        }

        return read.WaitAsync(cancellationToken);
    }
}
