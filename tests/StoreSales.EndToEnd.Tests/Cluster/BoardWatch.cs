using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// Store boards as their page holds them: the snapshot from <c>JoinStore</c>, then every <c>ProgressUpdated</c>. It keeps,
/// per store, every actual shown of one period (the day's, or the month's) and when (the machine's clock), as a person
/// looking at the board would see it.
/// </summary>
public sealed class BoardWatch
{
    private readonly HubConnection _hub;
    private readonly BoardPeriod _period;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(DateTimeOffset At, decimal Actual)>> _shown = new(StringComparer.Ordinal);

    /// <param name="period">
    /// Whose actual to watch. A test that adds up what it posted over minutes watches the month's: the store's day turns at
    /// its midnight (16:00 UTC for Shanghai), and a run across it would find the day's actual started again.
    /// </param>
    public BoardWatch(HubConnection hub, BoardPeriod period = BoardPeriod.Day)
    {
        _hub = hub;
        _period = period;
        hub.On<JsonElement>("ProgressUpdated", Take);
    }

    public async Task Start(CancellationToken cancellationToken) => await _hub.StartAsync(cancellationToken);

    /// <summary>Opens the store's board; returns the watched period's actual of its snapshot.</summary>
    public async Task<decimal> Join(string storeId, CancellationToken cancellationToken)
    {
        if (_hub.State == HubConnectionState.Disconnected)
        {
            await Start(cancellationToken);
        }

        var snapshot = await _hub.InvokeAsync<JsonElement>("JoinStore", storeId, cancellationToken);
        Take(snapshot);
        return Actual(snapshot);
    }

    /// <summary>The watched period's actual the store's board shows now.</summary>
    public decimal LastActual(string storeId)
    {
        lock (_gate)
        {
            return _shown.TryGetValue(storeId, out var shown) && shown.Count > 0 ? shown[^1].Actual : 0m;
        }
    }

    /// <summary>When the store's board first showed at least <paramref name="actual"/> at or after <paramref name="since"/>; null if not yet.</summary>
    public DateTimeOffset? FirstShowing(string storeId, decimal actual, DateTimeOffset since)
    {
        lock (_gate)
        {
            return _shown.TryGetValue(storeId, out var shown)
                ? shown.Where(s => s.At >= since && s.Actual >= actual).Select(s => (DateTimeOffset?)s.At).FirstOrDefault()
                : null;
        }
    }

    private void Take(JsonElement progress)
    {
        var storeId = progress.GetProperty("storeId").GetString()!;
        var at = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            if (!_shown.TryGetValue(storeId, out var shown))
            {
                _shown[storeId] = shown = [];
            }

            shown.Add((at, Actual(progress)));
        }
    }

    private decimal Actual(JsonElement progress) => Of(progress, _period);

    /// <summary>The period's actual in a store's progress as the API and the hub send it.</summary>
    public static decimal Of(JsonElement progress, BoardPeriod period) =>
        progress.GetProperty(period == BoardPeriod.Day ? "day" : "month").GetProperty("actual").GetDecimal();
}

/// <summary>Which actual of a store board a <see cref="BoardWatch"/> keeps.</summary>
public enum BoardPeriod
{
    Day,
    Month,
}
