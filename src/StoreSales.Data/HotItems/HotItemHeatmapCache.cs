using Microsoft.Extensions.Options;

namespace StoreSales.Data.HotItems;

/// <summary>
/// Puts the heatmap read in front of PostgreSQL once per <see cref="HotItemHeatmapOptions.CacheFor"/> for each
/// (window, region, metric): every HQ page asking in that interval shares one result, and pages that ask while a
/// read is running wait for that read instead of starting their own. A failed read is not kept.
/// <para>
/// Over 1,000 stores the read takes a second or two under load, longer than a person should wait for a page. So an
/// answer younger than <see cref="HotItemHeatmapOptions.ServeWhileRefreshingFor"/> is handed out at once while one
/// read refreshes it, and <see cref="KeepWarm"/> (called by a timer) refreshes the views someone asked for within
/// <see cref="HotItemHeatmapOptions.KeepWarmFor"/>: while HQ watches, opening the page never waits for the ledger.
/// </para>
/// </summary>
public sealed class HotItemHeatmapCache(HotItemHeatmapReader reader, TimeProvider clock, IOptions<HotItemHeatmapOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<HeatmapView, View> _views = [];

    public Task<HotItemHeatmap> Get(HeatmapWindow window, string? regionId, HeatmapMetric metric, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (settings.CacheFor <= TimeSpan.Zero)
        {
            return reader.Heatmap(window, regionId, metric, now, cancellationToken);
        }

        Task<HotItemHeatmap> answer;
        lock (_gate)
        {
            var key = new HeatmapView(window, regionId, metric);
            if (!_views.TryGetValue(key, out var view))
            {
                view = new View();
                _views[key] = view;
            }

            view.AskedAt = now;
            var latest = view.Latest;
            var age = latest is null ? TimeSpan.MaxValue : now - latest.At;
            if (age < settings.CacheFor)
            {
                return Task.FromResult(latest!);
            }

            // The answer held when asked: a read on a fast local server can complete before Refresh returns.
            var refresh = Refresh(key, view, now);
            answer = age < settings.ServeWhileRefreshingFor ? Task.FromResult(latest!) : refresh;
        }

        return answer.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Refreshes every view asked for within <see cref="HotItemHeatmapOptions.KeepWarmFor"/> whose answer is older
    /// than <see cref="HotItemHeatmapOptions.CacheFor"/>, and forgets views nobody asked for since. Completes when
    /// the reads it started have (a failed read is left to the next call or the next page).
    /// </summary>
    public Task KeepWarm()
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var reads = new List<Task>();
        lock (_gate)
        {
            foreach (var (key, view) in _views.ToList())
            {
                if (now - view.AskedAt >= settings.KeepWarmFor)
                {
                    // Region ids asked for once do not pile up; a running read still completes for its waiters.
                    _views.Remove(key);
                }
                else if (view.Latest is null || now - view.Latest.At >= settings.CacheFor)
                {
                    reads.Add(Refresh(key, view, now));
                }
            }
        }

        return Task.WhenAll(reads).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The running read of a view, or a new one. Called under the gate.</summary>
    private Task<HotItemHeatmap> Refresh(HeatmapView key, View view, DateTimeOffset now)
    {
        if (view.Reading is { IsCompleted: false } running)
        {
            return running;
        }

        // Shared by every waiting page: one page closing must not cancel the others' read.
        var read = ReadAndKeep(key, view, now);
        view.Reading = read;
        return read;
    }

    /// <summary>
    /// Reads and keeps the answer before handing it out, so whoever awaited the read finds it kept when asking again.
    /// </summary>
    private async Task<HotItemHeatmap> ReadAndKeep(HeatmapView key, View view, DateTimeOffset now)
    {
        var heatmap = await reader.Heatmap(key.Window, key.RegionId, key.Metric, now, CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            if (view.Latest is null || view.Latest.At < heatmap.At)
            {
                view.Latest = heatmap;
            }
        }

        return heatmap;
    }

    private readonly record struct HeatmapView(HeatmapWindow Window, string? RegionId, HeatmapMetric Metric);

    private sealed class View
    {
        public DateTimeOffset AskedAt { get; set; }

        public Task<HotItemHeatmap>? Reading { get; set; }

        public HotItemHeatmap? Latest { get; set; }
    }
}
