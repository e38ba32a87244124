using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.CommandCenter.Notifications.Channels;
using StoreSales.Data.Notifications;
using StoreSales.Domain.Notifications;

namespace StoreSales.CommandCenter.Notifications;

/// <summary>
/// Sends the outbox's due deliveries (docs/domain.md "Notifications"): woken by PostgreSQL's <c>notification_due</c>
/// NOTIFY at the commit that queued them, and at least every <c>Dispatcher:PollInterval</c> for retries and quiet hours
/// that came due. Each round claims rows with <c>FOR UPDATE SKIP LOCKED</c> (any number of hosts may run one; none
/// sends another's row), applies the person's mutes, quiet hours and the digest rule, sends through the
/// <see cref="DeliveryPipeline"/> and records each outcome. Rows on a channel the chain has turned off become
/// <c>channel-off</c>: every dispatching host runs with the chain's channel configuration (one that must not send sets
/// <c>Dispatcher:Enabled</c> false).
/// </summary>
public sealed partial class NotificationDispatcher(
    NotificationOutbox outbox,
    IEnumerable<INotificationChannel> channels,
    NotificationTexts texts,
    DeliveryPipeline pipeline,
    NotificationMetrics metrics,
    NpgsqlDataSource dataSource,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ListenRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(1);

    private readonly NotificationOptions _options = options.Value;
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    // A host claims only what it can send: a row for a channel it has not enabled waits for a host that has.
    private readonly string[] _enabled = channels.Where(c => c.IsEnabled).Select(c => c.Name).ToArray();
    // The chain's configuration has these off: a person may have chosen one before it was turned off.
    private readonly string[] _off = channels.Where(c => !c.IsEnabled).Select(c => c.Name).ToArray();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this host LISTENs for queued deliveries.</summary>
    public Task Listening => _listening.Task;

    /// <summary>
    /// One round: claims what is due now and works it; returns how many deliveries it claimed (0: nothing was due).
    /// </summary>
    public async Task<int> RunOnce(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (channel, count) in await outbox.MarkChannelsOff(_off, ChannelOffReason, cancellationToken))
        {
            metrics.Delivery(channel, "channel-off", count);
            LogChannelOff(channel, count);
        }

        await using var claim = await outbox.ClaimDue(now, _options.Dispatcher.BatchSize, _enabled, cancellationToken);
        if (claim.Due.Count == 0)
        {
            return 0;
        }

        var people = await claim.People(claim.Due.Select(d => d.PersonId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var alerts = await claim.Alerts(claim.Due.Select(d => d.AlertId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        foreach (var group in claim.Due.GroupBy(d => (d.PersonId, d.Channel)))
        {
            if (!await claim.TryHoldPersonChannel(group.Key.PersonId, group.Key.Channel, cancellationToken))
            {
                continue; // another host works this person's channel now; its rows wait for the next round
            }

            var rows = group.ToList();
            var rest = await claim.RestOf(group.Key.PersonId, group.Key.Channel, now, rows.Select(r => r.DeliveryId).ToList(), cancellationToken);
            if (rest.Count > 0)
            {
                rows.AddRange(rest);
                foreach (var (id, alert) in await claim.Alerts(rest.Select(r => r.AlertId).Where(id => !alerts.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList(), cancellationToken))
                {
                    alerts[id] = alert;
                }
            }

            await Work(claim, group.Key.Channel, people.GetValueOrDefault(group.Key.PersonId), rows, alerts, now, cancellationToken);
        }

        return claim.Due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Dispatcher.Enabled)
        {
            LogDisabled();
            return;
        }

        // Even with every channel off the loop runs: what people chose before the chain turned a channel off is marked
        // channel-off (and counted) rather than left pending for ever.

        var listening = Listen(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more may be due: go again at once.
                while (await RunOnce(stoppingToken) >= _options.Dispatcher.BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogRoundFailed(exception);
            }

            if (!await Sleep(stoppingToken))
            {
                break;
            }
        }

        await listening;
    }

    private async Task Work(
        DeliveryClaim claim, string channelName, NotificationSettings? person, List<DueDelivery> rows,
        Dictionary<string, AlertToSend> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refusal = person is null ? "The person has no notification settings any more."
            : person.AddressOn(channelName) is not { Length: > 0 } ? $"No address is set for {channelName} in the person's settings."
            : null;
        if (refusal is not null)
        {
            foreach (var row in rows)
            {
                await claim.Failed(row.DeliveryId, refusal, cancellationToken);
            }

            metrics.Delivery(channelName, "failed", rows.Count);
            LogRefused(channelName, rows.Count, refusal);
            return;
        }

        var channel = _channels[channelName];
        var address = person!.AddressOn(channelName)!;
        var due = new List<DueDelivery>();
        foreach (var row in rows)
        {
            if (ConditionMute.Silences(person.Mutes, row.Condition, now))
            {
                await claim.Muted(row.DeliveryId, cancellationToken);
                metrics.Delivery(channelName, "muted");
            }
            else if (person.Quiet is { } quiet && quiet.DeliverableFrom(now, Zone(person.TimeZone)) is var from && from > now)
            {
                await claim.Postponed(row.DeliveryId, from, null, cancellationToken);
                metrics.Delivery(channelName, "postponed");
            }
            else if (!alerts.ContainsKey(row.AlertId))
            {
                await claim.Failed(row.DeliveryId, "The alert is no longer in the journal.", cancellationToken);
                metrics.Delivery(channelName, "failed");
            }
            else
            {
                due.Add(row);
            }
        }

        var digest = _options.Digest;
        var opened = due.Count == 0 ? 0 : await claim.OpenedSince(person.PersonId, channelName, now - digest.Window, cancellationToken);
        var lastDigest = due.Count == 0 ? null : await claim.LastDigestAt(person.PersonId, channelName, cancellationToken);
        var decision = DigestRule.Decide(due.Count, Math.Max(opened, due.Count), lastDigest, now, digest.Threshold, digest.Window);
        switch (decision.Action)
        {
            case DigestAction.EachAlone:
                foreach (var row in due)
                {
                    await SendOne(claim, channel, address, person, row, alerts[row.AlertId], now, cancellationToken);
                }

                break;
            case DigestAction.OneDigest:
                await SendDigest(claim, channel, address, person, due, alerts, now, cancellationToken);
                break;
            case DigestAction.Wait:
                foreach (var row in due)
                {
                    await claim.Postponed(row.DeliveryId, decision.NotBefore!.Value, null, cancellationToken);
                }

                metrics.Delivery(channelName, "postponed", due.Count);
                break;
        }
    }

    private async Task SendOne(DeliveryClaim claim, INotificationChannel channel, string address, NotificationSettings person, DueDelivery row, AlertToSend alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await pipeline.Send(channel, texts.One(alert, row.IdempotencyKey, person), address, cancellationToken);
            await claim.Sent(row.DeliveryId, clock.GetUtcNow(), receipt.ProviderMessageId, cancellationToken);
            metrics.Delivery(channel.Name, "sent");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await Unsent(claim, channel.Name, [row], failure, now, cancellationToken);
        }
    }

    private async Task SendDigest(
        DeliveryClaim claim, INotificationChannel channel, string address, NotificationSettings person, List<DueDelivery> rows,
        Dictionary<string, AlertToSend> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The digest's key names its person, channel and first and last delivery: the same claim sent twice is the same digest.
        var key = $"digest/{person.PersonId}/{channel.Name}/{rows[0].DeliveryId}-{rows[^1].DeliveryId}";
        try
        {
            var message = texts.Digest(rows.Select(r => alerts[r.AlertId]).ToList(), key, person);
            var receipt = await pipeline.Send(channel, message, address, cancellationToken);
            await claim.Digested(person.PersonId, channel.Name, rows.Select(r => r.DeliveryId).ToList(), clock.GetUtcNow(), receipt.ProviderMessageId, cancellationToken);
            metrics.Delivery(channel.Name, "digested", rows.Count);
            metrics.Digest(channel.Name);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await Unsent(claim, channel.Name, rows, failure, now, cancellationToken);
        }
    }

    private async Task Unsent(DeliveryClaim claim, string channel, List<DueDelivery> rows, Exception failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var error = failure is ChannelRefusedException ? failure.Message : $"{failure.GetType().Name}: {failure.Message}";
        var delivery = _options.Delivery;
        foreach (var row in rows)
        {
            var next = DeliveryPipeline.IsTransient(failure)
                ? DeliveryBackoff.NextTry(row.Attempts + 1, now, delivery.FirstRoundDelay, delivery.MaxRoundDelay, delivery.MaxRounds)
                : null;
            if (next is { } at)
            {
                await claim.Retrying(row.DeliveryId, at, error, cancellationToken);
                metrics.Delivery(channel, "retrying");
            }
            else
            {
                await claim.Failed(row.DeliveryId, error, cancellationToken);
                metrics.Delivery(channel, "failed");
            }
        }

        LogUnsent(channel, rows.Count, error);
    }

    private async Task Listen(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {NotificationOutbox.DueChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening.TrySetResult();
                Wake(); // anything queued while not listening
                // Short slices, not the stopping token: a cancelled wait leaves Npgsql's connection unusable to dispose.
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(WaitSlice, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(exception, ListenRetry);
                try
                {
                    await Task.Delay(ListenRetry, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Until a NOTIFY wakes it or the poll interval passes on the injected clock; false when the host stops.</summary>
    private async Task<bool> Sleep(CancellationToken stoppingToken)
    {
        using var poll = new CancellationTokenSource(_options.Dispatcher.PollInterval, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, stoppingToken);
        try
        {
            await _wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }

        return !stoppingToken.IsCancellationRequested;
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one round takes everything due.
        }
    }

    private static string ChannelOffReason(string channel) =>
        $"The chain has {channel} turned off (Notifications:Channels:{ChannelSection(channel)}:Enabled is false).";

    private static string ChannelSection(string channel) => channel switch
    {
        NotificationChannels.WeComRobot => "WeComRobot",
        NotificationChannels.WeComApp => "WeComApp",
        NotificationChannels.DingTalkRobot => "DingTalk",
        _ => "Email",
    };

    private static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications are not sent from this host (Notifications:Dispatcher:Enabled is false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Channel} deliveries not sent: the chain has this channel turned off")]
    private partial void LogChannelOff(string channel, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification round failed; the next round tries again")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Channel} deliveries not sent: {Reason}")]
    private partial void LogRefused(string channel, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Channel} deliveries not sent this round: {Error}")]
    private partial void LogUnsent(string channel, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for queued notifications failed; again in {Retry}")]
    private partial void LogListenFailed(Exception exception, TimeSpan retry);
}
