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
/// <para>
/// "Today" is read in two parts. The previous weeks' whole local hours (<see cref="HeatmapUsual"/>, ~80 % of the rows
/// at 5,000 stores, seconds to read) can only change when a store's local hour turns, which happens only at a quarter
/// hour of UTC, so the chain's is read once per quarter hour and serves every today view, every region and both
/// metrics; each refresh reads only the live part (today's whole hours, every week's current hour). <see cref="KeepWarm"/>
/// keeps it whether or not anyone watches (one read a quarter hour), and reads the next quarter hour's
/// <see cref="HotItemHeatmapOptions.UsualReadAhead"/> before it starts: a view nobody has looked at waits for the live
/// part only, and no refresh after the turn waits for the usual.
/// </para>
/// </summary>
public sealed class HotItemHeatmapCache(HotItemHeatmapReader reader, TimeProvider clock, IOptions<HotItemHeatmapOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<HeatmapView, View> _views = [];

    // The chain's usual of the current quarter hour and, read ahead, of the next one; older ones are dropped.
    private readonly SortedList<DateTimeOffset, Task<HeatmapUsual>> _usuals = [];

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
    /// the refreshes it started have (a failed read is left to the next call or the next page). It also keeps the
    /// chain's usual of the current quarter hour and, within <see cref="HotItemHeatmapOptions.UsualReadAhead"/> of the
    /// next, starts reading that one, without waiting for either: those reads take seconds, and the timer's next
    /// refreshes (which wait for this call) must not wait behind them.
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

            // Kept even when nobody watches "today": the first look at it then waits for the live part only. The next
            // quarter hour's read ahead, so that the refresh after the turn finds it (reading it before its quarter
            // hour starts reads the same whole hours).
            var current = HotItemHeatmapReader.QuarterHourOf(now);
            _ = Usual(current, now);
            if (settings.UsualReadAhead > TimeSpan.Zero && now + settings.UsualReadAhead >= current + Quarter)
            {
                _ = Usual(current + Quarter, now);
            }
        }

        return Task.WhenAll(reads).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// The quarter hours whose chain usual is kept (read, or being read), earliest first: what the cache holds for
    /// "today" beyond the answers themselves, at most the current and the next quarter hour.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> UsualQuarterHours()
    {
        lock (_gate)
        {
            return [.. _usuals.Keys];
        }
    }

    /// <summary>The chain's usual of a quarter hour if it has been read and is kept, else null.</summary>
    public HeatmapUsual? KeptUsual(DateTimeOffset quarterHour)
    {
        lock (_gate)
        {
            return _usuals.TryGetValue(quarterHour, out var read) && read.IsCompletedSuccessfully ? read.Result : null;
        }
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
        Task<HeatmapUsual>? usual = null;
        if (key.Window == HeatmapWindow.Today)
        {
            lock (_gate)
            {
                usual = Usual(HotItemHeatmapReader.QuarterHourOf(now), now);
            }
        }

        var heatmap = usual is null
            ? await reader.Heatmap(key.Window, key.RegionId, key.Metric, now, CancellationToken.None).ConfigureAwait(false)
            : await reader.Today(await usual.ConfigureAwait(false), key.RegionId, key.Metric, now, CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            if (view.Latest is null || view.Latest.At < heatmap.At)
            {
                view.Latest = heatmap;
            }
        }

        return heatmap;
    }

    /// <summary>
    /// The kept or running read of the chain's usual for a quarter hour, or a new one; drops the usuals of quarter
    /// hours before <paramref name="now"/>'s (not before the one asked for: the next quarter hour's is read ahead
    /// while the current one still serves). A failed read is forgotten, so the next refresh tries again. Called under
    /// the gate.
    /// </summary>
    private Task<HeatmapUsual> Usual(DateTimeOffset quarterHour, DateTimeOffset now)
    {
        var current = HotItemHeatmapReader.QuarterHourOf(now);
        while (_usuals.Count > 0 && _usuals.Keys[0] < current)
        {
            _usuals.RemoveAt(0);
        }

        if (_usuals.TryGetValue(quarterHour, out var kept) && !kept.IsFaulted && !kept.IsCanceled)
        {
            return kept;
        }

        // Shared by every view: no page's cancellation reaches it. Started outside the gate: opening a connection
        // must not hold up pages asking for answers already kept.
        var read = Task.Run(() => reader.Usual(regionId: null, quarterHour, CancellationToken.None));
        _usuals[quarterHour] = read;
        _ = read.ContinueWith(
            failed =>
            {
                lock (_gate)
                {
                    if (_usuals.TryGetValue(quarterHour, out var held) && held == failed)
                    {
                        _usuals.Remove(quarterHour);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return read;
    }

    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    private readonly record struct HeatmapView(HeatmapWindow Window, string? RegionId, HeatmapMetric Metric);

    private sealed class View
    {
        public DateTimeOffset AskedAt { get; set; }

        public Task<HotItemHeatmap>? Reading { get; set; }

        public HotItemHeatmap? Latest { get; set; }
    }
}
