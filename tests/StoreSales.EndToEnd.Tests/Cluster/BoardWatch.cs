using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// Store boards as their page holds them: the snapshot from <c>JoinStore</c>, then every <c>ProgressUpdated</c>. It keeps,
/// per store, every day actual shown and when (the machine's clock), as a person looking at the board would see it.
/// </summary>
public sealed class BoardWatch
{
    private readonly HubConnection _hub;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(DateTimeOffset At, decimal Actual)>> _shown = new(StringComparer.Ordinal);

    public BoardWatch(HubConnection hub)
    {
        _hub = hub;
        hub.On<JsonElement>("ProgressUpdated", Take);
    }

    public async Task Start(CancellationToken cancellationToken) => await _hub.StartAsync(cancellationToken);

    /// <summary>Opens the store's board; returns the day actual of its snapshot.</summary>
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

    /// <summary>The day actual the store's board shows now.</summary>
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

    private static decimal Actual(JsonElement progress) => progress.GetProperty("day").GetProperty("actual").GetDecimal();
}
