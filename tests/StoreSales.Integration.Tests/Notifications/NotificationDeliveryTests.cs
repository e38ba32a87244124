using Microsoft.Extensions.Time.Testing;
using StoreSales.Data.Notifications;
using StoreSales.Domain.Interventions;
using StoreSales.Domain.Notifications;

namespace StoreSales.Integration.Tests.Notifications;

/// <summary>
/// Alerts pushed on every channel against real local servers (a Kestrel receiver speaking WeCom's and DingTalk's
/// protocols, an SMTP server), from the real journal path (an alert recorded queues its deliveries in the same
/// transaction) through the dispatcher, on a real PostgreSQL.
/// </summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private readonly FakeTimeProvider _clock = new(Start);
    private NotificationRig _rig = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _rig = await NotificationRig.Start("notify", _clock);

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task An_alert_reaches_the_assignee_on_every_chosen_channel_in_their_language_with_a_link_to_the_inbox()
    {
        await Subscribe("li.supervisor", "supervisor:east", NotificationChannels.All, culture: "zh-CN");
        await Subscribe("hq.person", "hq", NotificationChannels.All); // answers for another assignee: hears nothing

        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        var messages = _rig.Receiver.Messages.ToList();
        Assert.Equal(["dingtalk-robot", "wecom-app", "wecom-robot"], messages.Select(m => m.Channel).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Empty(m.Problems));
        Assert.All(messages, m => Assert.Contains("【高】门店进度落后", m.Text, StringComparison.Ordinal)); // the condition in zh-CN
        Assert.All(messages, m => Assert.Contains("门店 sh001", m.Text, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Contains("https://sales.chain.example/interventions?alert=store-sh001%2Fday-behind%231", m.Text, StringComparison.Ordinal));
        Assert.Equal("li.wecom", messages.Single(m => m.Channel == "wecom-app").ToUser);
        Assert.Equal(["li.wecom"], messages.Single(m => m.Channel == "wecom-robot").Mentioned);
        var mail = Assert.Single(_rig.Smtp.Received);
        Assert.Equal("li@chain.example", mail.To.Mailboxes.Single().Address);
        Assert.Contains("【高】门店进度落后", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("store-sh001/day-behind#1/1/li.supervisor/email", mail.Headers["X-StoreSales-Idempotency-Key"]);
        var rows = await _rig.Host.Outbox.OfAlert("store-sh001/day-behind#1", Cancellation);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("sent", r.State));
        Assert.All(rows, r => Assert.Equal("li.supervisor", r.PersonId));
        Assert.Equal(mail.MessageId, rows.Single(r => r.Channel == "email").ProviderMessageId);
        Assert.StartsWith("msg-", rows.Single(r => r.Channel == "wecom-app").ProviderMessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_speaker_reads_the_same_alert_in_english()
    {
        await Subscribe("ann.hq", "hq", [NotificationChannels.WeComRobot], culture: "en");

        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "hq", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        var message = Assert.Single(_rig.Receiver.Messages);
        Assert.Contains("[High] Store behind pace — store sh001", message.Text, StringComparison.Ordinal);
        Assert.Contains("Open in the inbox: https://sales.chain.example/interventions", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_that_fails_then_recovers_delivers_exactly_once_per_alert()
    {
        await Subscribe("li.supervisor", "supervisor:east", [NotificationChannels.WeComRobot]);
        _rig.Receiver.FailNext(4); // the round's three tries and the next round's first

        var alert = NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow());
        await _rig.Host.Journal.Record(alert, Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        var retrying = Assert.Single(await _rig.Host.Outbox.OfAlert(alert.AlertId, Cancellation));
        Assert.Equal("retrying", retrying.State);
        Assert.Equal(1, retrying.Attempts);
        Assert.Equal("HTTP 503 Service Unavailable", retrying.LastError);
        Assert.Equal((Start + TimeSpan.FromSeconds(30)).UtcDateTime, retrying.NextTryAt);
        Assert.Empty(_rig.Receiver.Messages);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await _rig.Host.DispatchAll(Cancellation);
        await _rig.Host.Journal.Record(alert, Cancellation); // the grain re-records the same step: nothing queued twice
        _clock.Advance(TimeSpan.FromHours(1));
        await _rig.Host.DispatchAll(Cancellation);

        Assert.Single(_rig.Receiver.Messages);
        var sent = Assert.Single(await _rig.Host.Outbox.OfAlert(alert.AlertId, Cancellation));
        Assert.Equal("sent", sent.State);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task An_escalation_goes_out_again_to_whoever_is_then_the_assignee()
    {
        await Subscribe("li.supervisor", "supervisor:east", [NotificationChannels.WeComRobot]);
        await Subscribe("ann.hq", "hq", [NotificationChannels.WeComApp]);
        var opened = NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow());
        await _rig.Host.Journal.Record(opened, Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        _clock.Advance(TimeSpan.FromMinutes(30));
        var escalated = opened with { Status = InterventionStatus.Escalated, Level = 2, Assignee = "hq", UpdatedAt = _clock.GetUtcNow() };
        await _rig.Host.Journal.Record(escalated, Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        var messages = _rig.Receiver.Messages.ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("wecom-app", messages[1].Channel);
        Assert.Equal("ann.wecom", messages[1].ToUser);
        Assert.Contains("已升级（第 2 级）", messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_dispatchers_never_send_the_same_delivery()
    {
        for (var i = 0; i < 30; i++)
        {
            await Subscribe($"sup.{i}", $"supervisor:r{i}", [NotificationChannels.WeComRobot]);
            await _rig.Host.Journal.Record(NotificationHarness.Alert($"store-{i}/day-behind", $"supervisor:r{i}", _clock.GetUtcNow()), Cancellation);
        }

        await using var second = _rig.Another(new Dictionary<string, string?> { ["Notifications:Dispatcher:BatchSize"] = "3" });
        await using var first = _rig.Another(new Dictionary<string, string?> { ["Notifications:Dispatcher:BatchSize"] = "3" });
        await Task.WhenAll(Task.Run(() => first.DispatchAll(Cancellation), Cancellation), Task.Run(() => second.DispatchAll(Cancellation), Cancellation));

        Assert.Equal(30, _rig.Receiver.Messages.Count);
        Assert.Equal(30, await _rig.Database.Count("SELECT count(*) FROM notification_delivery WHERE state = 'sent' AND attempts = 1"));
    }

    [Fact]
    public async Task A_muted_condition_is_not_pushed_until_the_mute_ends()
    {
        await Subscribe("li.supervisor", "supervisor:east", [NotificationChannels.WeComRobot],
            mutes: [new ConditionMute("feed-lagging", Start + TimeSpan.FromHours(2))]);

        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/feed-lagging", "supervisor:east", _clock.GetUtcNow(), condition: "feed-lagging"), Cancellation);
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);
        _clock.Advance(TimeSpan.FromHours(2));
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh002/feed-lagging", "supervisor:east", _clock.GetUtcNow(), condition: "feed-lagging"), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        Assert.Equal(2, _rig.Receiver.Messages.Count); // the day-behind, and the feed-lagging raised after the mute ended
        Assert.Equal("muted", Assert.Single(await _rig.Host.Outbox.OfAlert("store-sh001/feed-lagging#1", Cancellation)).State);
    }

    [Fact]
    public async Task What_opens_in_quiet_hours_waits_until_they_end_in_the_persons_time_zone()
    {
        // 22:00–07:00 in Shanghai; the alert opens at 23:30 there (15:30 UTC).
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 15, 30, 0, TimeSpan.Zero));
        await Subscribe("li.supervisor", "supervisor:east", [NotificationChannels.WeComRobot], quiet: new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)));

        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);
        var waiting = Assert.Single(await _rig.Host.Outbox.OfAlert("store-sh001/day-behind#1", Cancellation));
        Assert.Equal("pending", waiting.State);
        Assert.Equal(new DateTime(2026, 12, 5, 23, 0, 0, DateTimeKind.Utc), waiting.NextTryAt); // 07:00 in Shanghai
        Assert.Empty(_rig.Receiver.Messages);

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 23, 0, 0, TimeSpan.Zero));
        await _rig.Host.DispatchAll(Cancellation);

        Assert.Single(_rig.Receiver.Messages);
    }

    [Fact]
    public async Task A_storm_of_ten_thousand_alerts_sends_one_digest_not_ten_thousand_messages()
    {
        await Subscribe("li.supervisor", "supervisor:east", [NotificationChannels.DingTalkRobot]);
        var now = _clock.GetUtcNow();
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancellation }, async (i, token) =>
            await _rig.Host.Journal.Record(NotificationHarness.Alert($"store-{i:D5}/day-behind", "supervisor:east", now, subjectId: $"s{i:D5}"), token));

        await _rig.Host.DispatchAll(Cancellation);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-late/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.DispatchAll(Cancellation); // inside the digest window: the late one waits for the next digest

        var digest = Assert.Single(_rig.Receiver.Messages);
        Assert.Empty(digest.Problems);
        Assert.Contains("10000 条新预警", digest.Text, StringComparison.Ordinal);
        Assert.Equal(10_000, await _rig.Database.Count("SELECT count(*) FROM notification_delivery WHERE state = 'digested'"));
        Assert.Equal(1, await _rig.Database.Count("SELECT count(*) FROM notification_digest"));

        _clock.Advance(TimeSpan.FromMinutes(5));
        await _rig.Host.DispatchAll(Cancellation);
        Assert.Equal(2, _rig.Receiver.Messages.Count);
    }

    [Fact]
    public async Task No_secret_appears_in_any_log_line_while_sending_succeeds_or_fails()
    {
        await Subscribe("li.supervisor", "supervisor:east", NotificationChannels.All);
        _rig.Receiver.FailNext(3);

        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _rig.Host.DispatchAll(Cancellation);

        Assert.Contains(_rig.Host.Logs, l => l.Contains("HTTP 503", StringComparison.Ordinal)); // the failure was logged …
        var logs = string.Join('\n', _rig.Host.Logs);
        Assert.DoesNotContain(ProviderReceiver.RobotKey, logs, StringComparison.Ordinal); // … without any secret
        Assert.DoesNotContain(ProviderReceiver.AppSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderReceiver.DingTalkToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderReceiver.DingTalkSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationHarness.SmtpPassword, logs, StringComparison.Ordinal);
        Assert.Equal(4, await _rig.Database.Count("SELECT count(*) FROM notification_delivery WHERE state = 'sent'"));
    }

    [Fact]
    public async Task A_channel_without_the_persons_address_fails_with_the_reason()
    {
        await _rig.Host.SignedIn("li.supervisor", NotificationHarness.ScopeAnswering("supervisor:east"), Cancellation);
        await _rig.Host.People.Save(new NotificationSettings("li.supervisor", "en", "Asia/Shanghai", null, [NotificationChannels.Email], null, null, null, Email: null,
            []), Start, Cancellation);

        await _rig.Host.Journal.Record(NotificationHarness.Alert("store-sh001/day-behind", "supervisor:east", _clock.GetUtcNow()), Cancellation);
        await _rig.Host.DispatchAll(Cancellation);

        var row = Assert.Single(await _rig.Host.Outbox.OfAlert("store-sh001/day-behind#1", Cancellation));
        Assert.Equal("failed", row.State);
        Assert.Equal("No address is set for email in the person's settings.", row.LastError);
    }

    /// <summary>A person whose scope answers for <paramref name="assignee"/>, with their settings saved.</summary>
    private async Task Subscribe(string person, string assignee, IReadOnlyList<string> channels, string culture = "zh-CN", QuietHours? quiet = null, IReadOnlyList<ConditionMute>? mutes = null)
    {
        await _rig.Host.SignedIn(person, NotificationHarness.ScopeAnswering(assignee), Cancellation);
        await _rig.Host.People.Save(
            new NotificationSettings(person, culture, "Asia/Shanghai", quiet, channels, person.Split('.')[0] + ".wecom", "east-supervisors", "east-group",
                person.Split('.')[0] + "@chain.example", mutes ?? []),
            _clock.GetUtcNow(),
            Cancellation);
    }
}
