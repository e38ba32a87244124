using System.Net.Http.Json;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Health;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Upload;

namespace StoreSales.Edge.Status;

/// <summary>
/// Every <see cref="AgentOptions.HeartbeatInterval"/>, POSTs the agent's <see cref="AgentStatus.Snapshot"/> as an
/// <see cref="AgentHeartbeat"/> to <c>{ServerUrl}/api/stores/{StoreId}/heartbeats</c>. One attempt per beat, with a
/// timeout of one interval and no retry or circuit breaker (the uploader's pipeline is for sales): a lost
/// heartbeat is replaced by the next one, and heartbeat failures never slow the sales down.
/// </summary>
public sealed partial class HeartbeatSender(
    IHttpClientFactory httpClients,
    AgentStatus status,
    IOptions<AgentOptions> agent,
    StoreKeySource storeKey,
    ServerFailover servers,
    ILogger<HeartbeatSender> logger,
    TimeProvider time) : BackgroundService
{
    private static readonly string? Version =
        typeof(HeartbeatSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private int _failuresInARow;

    /// <summary>Heartbeats the server accepted since the agent started.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    private long _sent;

    /// <summary><c>{ServerUrl}/api/stores/{StoreId}/heartbeats</c>.</summary>
    public static Uri HeartbeatsUri(string serverUrl, string storeId) =>
        new($"{serverUrl.TrimEnd('/')}/api/stores/{Uri.EscapeDataString(storeId)}/heartbeats", UriKind.Absolute);

    /// <summary>The snapshot as the wire contract has it: times in the agent's clock, ages and skew in seconds.</summary>
    public static AgentHeartbeat ToHeartbeat(AgentSnapshot snapshot, string agentId, string? agentVersion) => new()
    {
        AgentId = agentId,
        AgentVersion = agentVersion,
        SentAt = snapshot.TakenAt,
        OutboxDepth = snapshot.OutboxDepth,
        OldestUnsentAgeSeconds = snapshot.OldestUnsentAt is { } oldest ? Math.Max(0, (snapshot.TakenAt - oldest).TotalSeconds) : null,
        RejectedCount = snapshot.RejectedCount,
        LastAckAt = snapshot.Upload.LastAckAt,
        ClockSkewSeconds = snapshot.Upload.ServerClockSkew?.TotalSeconds,
        OutboxBytes = snapshot.Outbox?.Bytes ?? 0,
        OutboxMaxBytes = snapshot.Outbox?.MaxBytes,
        OutboxState = snapshot.Outbox?.WireState,
        OutboxWritesPastBound = snapshot.Outbox?.WritesPastBound ?? 0,
        Devices = [.. snapshot.Devices.Select(d => new DeviceHeartbeat
        {
            TerminalId = d.TerminalId,
            Kind = d.Kind,
            Path = d.Source,
            Online = d.Connected,
            LastEventAt = d.LastEventAt,
            Counters = d.Counters,
        })],
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = agent.Value.HeartbeatInterval;
        LogStarted(logger, agent.Value.StoreId, HeartbeatsUri(servers.Current.ToString(), agent.Value.StoreId), interval);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await SendOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Sends one heartbeat; returns whether the server accepted it. Never throws for an HTTP or network problem.</summary>
    internal async Task<bool> SendOnceAsync(CancellationToken cancellationToken)
    {
        var heartbeat = ToHeartbeat(status.Snapshot(), Environment.MachineName, Version);
        // The server sales go to as well: the next beat follows them to another one if this one does not answer.
        var server = servers.Current;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(agent.Value.HeartbeatInterval);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, HeartbeatsUri(server.ToString(), agent.Value.StoreId))
            {
                Content = JsonContent.Create(heartbeat, options: EdgeJson.Options),
            };
            request.Headers.Add(IngestClient.StoreKeyHeader, storeKey.Current);
            using var response = await httpClients.CreateClient(IngestClient.HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _sent);
                if (_failuresInARow > 0)
                {
                    LogRecovered(logger, agent.Value.StoreId, _failuresInARow);
                }

                _failuresInARow = 0;
                return true;
            }

            var why = $"HTTP {(int)response.StatusCode}";
            Failed(why);
            if ((int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.RequestTimeout)
            {
                servers.Failed(server, why);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not a reason to move on by itself: the timeout is one short interval, and a busy server is still there.
            Failed("timed out");
        }
        catch (HttpRequestException ex)
        {
            Failed(ex.Message);
            servers.Failed(server, ex.Message);
        }

        return false;
    }

    private void Failed(string reason)
    {
        _failuresInARow++;

        // First failure, then one line in twenty: a server down for hours must not flood the log.
        if (_failuresInARow == 1 || _failuresInARow % 20 == 0)
        {
            LogFailed(logger, agent.Value.StoreId, reason, _failuresInARow);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: heartbeats to {Uri} every {Interval}")]
    private static partial void LogStarted(ILogger logger, string storeId, Uri uri, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: heartbeat not delivered ({Reason}); {Failures} in a row, the next one replaces it")]
    private static partial void LogFailed(ILogger logger, string storeId, string reason, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {StoreId}: heartbeats delivered again after {Failures} failures")]
    private static partial void LogRecovered(ILogger logger, string storeId, int failures);
}
