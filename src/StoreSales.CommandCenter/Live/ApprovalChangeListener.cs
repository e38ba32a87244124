using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// This host's one listener for approval changes (docs/design.md "The approvals inbox hears PostgreSQL"): a connection
/// of its own LISTENs on <c>approval_changed</c>, which migration 0395's triggers notify at every commit that files,
/// decides or withdraws a request, whichever process (a grain in the silo, an endpoint here) and whichever path
/// (<c>ApprovalBook.File</c> or <c>FileIn</c> inside a kind's own transaction) made it. Each change goes to the pages of
/// this host that watch (each keeps what its viewer may see) and to the hub groups of the request's audiences. The
/// connection is reopened when lost; open inboxes then read again (a <see cref="ApprovalChange.Resync"/>), since
/// PostgreSQL keeps no notice for a listener that was away.
/// </summary>
public sealed partial class ApprovalChangeListener(NpgsqlDataSource dataSource, IHubContext<LiveHub> hub, ILogger<ApprovalChangeListener> logger) : BackgroundService
{
    public const string Channel = "approval_changed";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Notices arrive on Npgsql's reading thread: they are queued and sent to the hub from one loop, in order.
    private readonly Channel<ApprovalChange> _toHub = System.Threading.Channels.Channel.CreateUnbounded<ApprovalChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private event Action<ApprovalChange>? Changed;

    /// <summary>Completes once the first LISTEN is in place (a test files a request only after it).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Calls <paramref name="onChange"/> with every change, in any scope, until disposed: the page keeps what its viewer may see.</summary>
    public IDisposable Watch(Action<ApprovalChange> onChange)
    {
        Changed += onChange;
        return new Unwatch(() => Changed -= onChange);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Listen(stoppingToken), SendToHub(stoppingToken));

    private async Task Listen(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notice) => Receive(notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                retry = FirstRetry;
                _listening.TrySetResult();
                if (!first)
                {
                    Publish(ApprovalChange.Resync);
                }

                first = false;
                // Waited out in short slices rather than with the stopping token: a cancelled wait leaves Npgsql's connection
                // "waiting" and its disposal throws. Each slice also finds a dropped connection within a second.
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(WaitSlice, CancellationToken.None);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(exception, retry);
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private void Receive(string payload)
    {
        ApprovalChange? change;
        try
        {
            change = JsonSerializer.Deserialize<ApprovalChange>(payload, Json);
        }
        catch (JsonException exception)
        {
            LogUnreadable(exception, payload);
            return;
        }

        if (change is not null)
        {
            Publish(change);
        }
    }

    private void Publish(ApprovalChange change)
    {
        try
        {
            Changed?.Invoke(change);
        }
        catch (Exception exception)
        {
            // A page's handler only posts to its throttle; one failing must not keep the change from the hub.
            LogWatcherFailed(exception, change.ApprovalId);
        }

        _toHub.Writer.TryWrite(change);
    }

    private async Task SendToHub(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in _toHub.Reader.ReadAllAsync(stoppingToken))
            {
                if (change.IsResync)
                {
                    continue;
                }

                try
                {
                    await hub.Clients.Groups(ApprovalGroups.Of(change))
                        .SendAsync(ApprovalGroups.ApprovalChanged, new ApprovalChangeNotice(change.ApprovalId, change.Kind, change.Status), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Best effort, like the boards: a client re-reads its inbox when it reconnects.
                    LogHubSendFailed(exception, change.ApprovalId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for approval changes failed; reconnecting in {Retry}")]
    private partial void LogListenFailed(Exception exception, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An approval change notice could not be read: {Payload}")]
    private partial void LogUnreadable(Exception exception, string payload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An open page failed to take approval change {ApprovalId}")]
    private partial void LogWatcherFailed(Exception exception, long approvalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval change {ApprovalId} could not be sent to the hub")]
    private partial void LogHubSendFailed(Exception exception, long approvalId);

    private sealed class Unwatch(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
