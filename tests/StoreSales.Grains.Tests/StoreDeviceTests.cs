using Orleans.Core.Internal;
using System.Collections.Immutable;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Stores;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

[Collection(GrainClusterCollection.Name)]
public sealed class StoreDeviceTests(GrainClusterFixture fixture)
{
    private static readonly DateTimeOffset Now = GrainClusterFixture.Now;

    private static StoreHeartbeat Heartbeat(params DeviceReport[] devices) =>
        new("store-pc", "1.0.0", Now, 3, TimeSpan.FromSeconds(12), 0, Now.AddSeconds(-5), TimeSpan.Zero, [.. devices]);

    private static DeviceReport Device(string terminal, string kind, bool online, DateTimeOffset? lastEventAt = null) =>
        new(terminal, kind, $"/dev/serial/by-id/{terminal}-{kind}", online, lastEventAt, ImmutableDictionary<string, long>.Empty.Add("opens", 1));

    [Fact]
    public async Task The_board_shows_each_device_as_the_agent_reported_it()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-gz001");

        await store.ReportHeartbeat(Heartbeat(Device("T02", "till", true, Now.AddMinutes(-1)), Device("T01", "scanner", false), Device("T01", "till", true)));
        var progress = await store.GetProgress();

        Assert.NotNull(progress.AgentSeenAt);
        Assert.Equal(
            [("T01", "scanner", false), ("T01", "till", true), ("T02", "till", true)],
            progress.Devices.Select(d => (d.TerminalId, d.Kind, d.Online)));
        Assert.Equal(Now.AddMinutes(-1), progress.Devices[2].LastEventAt);
        Assert.All(progress.Devices, d => Assert.Equal(progress.AgentSeenAt, d.LastHeartbeatAt));
    }

    [Fact]
    public async Task Devices_go_offline_when_no_heartbeat_came_for_DeviceOfflineAfter_and_back_with_the_next()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-xm001");
        var before = await store.GetProgress();
        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true), Device("T01", "hid-scanner", true)));

        var fresh = await store.GetProgress();
        var silent = await Eventually.Until(store.GetProgress, p => p.Devices.Length == 2 && p.Devices.All(d => !d.Online));
        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true), Device("T01", "hid-scanner", true)));
        var back = await store.GetProgress();

        Assert.True(before.Devices.IsEmpty && before.AgentSeenAt is null, "no heartbeat yet: no devices");
        Assert.All(fresh.Devices, d => Assert.True(d.Online));
        Assert.Equal(2, silent.Devices.Length);
        Assert.All(silent.Devices, d => Assert.False(d.Online));
        Assert.Equal(fresh.AgentSeenAt, silent.AgentSeenAt);
        Assert.All(back.Devices, d => Assert.True(d.Online));
        Assert.True(back.AgentSeenAt > silent.AgentSeenAt);
    }

    [Fact]
    public async Task A_device_offline_during_opening_hours_raises_one_alert_for_the_supervisor()
    {
        // 15:00 in Shenzhen: the store is open (08:00–23:00); the alert waits DeviceOfflineAlertAfter (1 s here).
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sz001");
        var alert = fixture.Grains.GetGrain<IInterventionGrain>("store-sz001/device-offline-T02-scanner");

        await store.ReportHeartbeat(Heartbeat(Device("T02", "till", true), Device("T02", "scanner", false)));
        var early = await alert.GetCurrent();
        // The agent keeps reporting the scanner offline; once it has been so for DeviceOfflineAlertAfter, a heartbeat raises.
        var raised = await Eventually.Until(
            async () =>
            {
                await store.ReportHeartbeat(Heartbeat(Device("T02", "till", true), Device("T02", "scanner", false)));
                return await alert.GetCurrent();
            },
            a => a is not null);

        Assert.Null(early);
        Assert.NotNull(raised);
        Assert.Equal("device", raised.Subject.Kind);
        Assert.Equal("store-sz001/T02/scanner", raised.Subject.Id);
        Assert.Equal("supervisor:region-south", RaisedAssignee.Of(raised));
        Assert.Contains("offline since", raised.Evidence.Summary, StringComparison.Ordinal);
        Assert.Equal((EvidenceFacts.DeviceOffline, "T02", "scanner"), (raised.Evidence.Facts!.Kind, raised.Evidence.Facts.TerminalId, raised.Evidence.Facts.DeviceKind));
        Assert.NotNull(raised.Evidence.Facts.Since);
        Assert.Null(await fixture.Grains.GetGrain<IInterventionGrain>("store-sz001/device-offline-T02-till").GetCurrent());
    }

    [Fact]
    public async Task A_store_woken_after_its_agent_fell_silent_counts_the_offline_time_from_the_last_heartbeat()
    {
        // 15:00 in Shenzhen, open. The heartbeat is kept in storage; the store then goes away (as on a silo that died)
        // before its till even counts as offline, and nothing wakes it until well after DeviceOfflineAfter + the alert's 1 s.
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sz001");
        var alert = fixture.Grains.GetGrain<IInterventionGrain>("store-sz001/device-offline-T01-till");
        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true)));
        var beat = (await store.GetProgress()).AgentSeenAt!.Value;
#pragma warning disable xUnit1051 // a grain call: Orleans cancels it by its own response timeout
        await store.Cast<IGrainManagementExtension>().DeactivateOnIdle();
#pragma warning restore xUnit1051
        var silentUntil = DateTimeOffset.UtcNow + GrainClusterFixture.DeviceOfflineAfter + TimeSpan.FromSeconds(3);
        await Eventually.Holds(() => DateTimeOffset.UtcNow > silentUntil, "the agent silent for longer than DeviceOfflineAfter + DeviceOfflineAlertAfter", cancellationToken: TestContext.Current.CancellationToken);
        var beforeWake = await alert.GetCurrent();

        // Woken (in production by the agent-watch reminder); its refresh timer (first tick within Live:RefreshInterval, 30 s)
        // judges the alerts: the alert opens, its episode starting when the kept heartbeat grew older than
        // DeviceOfflineAfter, not at the wake-up.
        await store.GetProgress();
        var raised = await Eventually.Until(alert.GetCurrent, a => a is not null, TimeSpan.FromSeconds(60));

        Assert.Null(beforeWake);
        Assert.NotNull(raised);
        Assert.Equal(beat + GrainClusterFixture.DeviceOfflineAfter, raised.Evidence.Facts!.Since);
    }

    [Fact]
    public async Task Sales_waiting_at_the_store_too_long_raise_a_feed_lagging_alert()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sh001");
        var alert = fixture.Grains.GetGrain<IInterventionGrain>("store-sh001/feed-lagging");

        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true)) with { OutboxDepth = 40, OldestUnsentAge = TimeSpan.FromMinutes(3) });
        var early = await alert.GetCurrent();
        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true)) with { OutboxDepth = 900, OldestUnsentAge = TimeSpan.FromMinutes(16) });
        var raised = await Eventually.Until(alert.GetCurrent, a => a is not null);

        Assert.Null(early);
        Assert.NotNull(raised);
        Assert.Equal(900m, raised.Evidence.Actual);
        Assert.Contains("900 sales waiting", raised.Evidence.Summary, StringComparison.Ordinal);
        Assert.Equal(new EvidenceFacts(EvidenceFacts.FeedLagging, WaitingSales: 900, OldestWaiting: TimeSpan.FromMinutes(16), LastAckAt: Now.AddSeconds(-5)), raised.Evidence.Facts);
    }

    [Fact]
    public async Task An_outbox_near_its_disk_bound_raises_one_alert_and_shows_on_the_board()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-gz001");
        var alert = fixture.Grains.GetGrain<IInterventionGrain>("store-gz001/outbox-near-full");
        const long mib = 1 << 20;

        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true)) with { OutboxBytes = 300 * mib, OutboxMaxBytes = 1024 * mib, OutboxState = AgentHealth.OutboxOk });
        var early = await alert.GetCurrent();
        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true)) with { OutboxBytes = 900 * mib, OutboxMaxBytes = 1024 * mib, OutboxState = AgentHealth.OutboxNearFull });
        var raised = await Eventually.Until(alert.GetCurrent, a => a is not null);
        var board = await store.GetProgress();

        Assert.Null(early);
        Assert.NotNull(raised);
        Assert.Equal("supervisor:region-south", RaisedAssignee.Of(raised));
        Assert.Contains("near its disk bound: 900 of 1,024 MiB", raised.Evidence.Summary, StringComparison.Ordinal);
        Assert.Equal(new EvidenceFacts(EvidenceFacts.OutboxNearFull, WaitingSales: 3, OutboxBytes: 900 * mib, OutboxMaxBytes: 1024 * mib), raised.Evidence.Facts);
        Assert.Equal((900 * mib, 1024 * mib, AgentHealth.OutboxNearFull), (board.Agent!.OutboxBytes, board.Agent.OutboxMaxBytes, board.Agent.OutboxState));
    }

    [Fact]
    public async Task A_store_clock_off_by_more_than_ClockSkewAlertAfter_raises_a_clock_skew_alert()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-sh001");
        var alert = fixture.Grains.GetGrain<IInterventionGrain>("store-sh001/clock-skew");

        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true)) with { ClockSkew = TimeSpan.FromSeconds(-90) });
        var early = await alert.GetCurrent();
        await store.ReportHeartbeat(Heartbeat(Device("T01", "till", true)) with { ClockSkew = TimeSpan.FromMinutes(-5) });
        var raised = await Eventually.Until(alert.GetCurrent, a => a is not null);
        var board = await store.GetProgress();

        Assert.Null(early);
        Assert.NotNull(raised);
        Assert.Equal(-300m, raised.Evidence.Actual);
        Assert.Contains("300 s ahead of the server's", raised.Evidence.Summary, StringComparison.Ordinal);
        Assert.Equal((EvidenceFacts.ClockSkewed, TimeSpan.FromMinutes(-5)), (raised.Evidence.Facts!.Kind, raised.Evidence.Facts.ClockSkew));
        Assert.Equal(TimeSpan.FromMinutes(-5), board.Agent!.ClockSkew);
    }
}
