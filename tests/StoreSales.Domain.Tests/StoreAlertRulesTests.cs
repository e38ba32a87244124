using System.Collections.Immutable;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Targets;

namespace StoreSales.Domain.Tests;

public sealed class StoreAlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly StoreAlertOptions Options = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(2));
    private static readonly TargetStatus OnPace = new(TargetBand.Green, PaceDirection.OnPace, 0m);

    public static TheoryData<string, TargetBand, PaceDirection, string?, AlertSeverity?, AlertRoute?> DayCases => new()
    {
        { "red behind: the region's supervisor", TargetBand.Red, PaceDirection.Behind, AlertConditions.DayBehind, AlertSeverity.High, AlertRoute.RegionSupervisor },
        { "red ahead: HQ recalibrates", TargetBand.Red, PaceDirection.Ahead, AlertConditions.DayAheadCalibration, AlertSeverity.Info, AlertRoute.HqCalibration },
        { "yellow behind: nobody yet", TargetBand.Yellow, PaceDirection.Behind, null, null, null },
        { "green: nobody", TargetBand.Green, PaceDirection.OnPace, null, null, null },
        { "too early to tell: nobody", TargetBand.Pending, PaceDirection.OnPace, null, null, null },
    };

    [Theory]
    [MemberData(nameof(DayCases))]
    public void The_day_raises_by_band_and_direction(string because, TargetBand band, PaceDirection direction, string? condition, AlertSeverity? severity, AlertRoute? route)
    {
        var decision = Decide(Facts(day: new TargetStatus(band, direction, -0.3m)));

        var raised = Assert.Single(decision.Raise.Select(a => (string?)a.Condition).DefaultIfEmpty(null));
        Assert.True(condition == raised, because);
        if (condition is not null)
        {
            Assert.Equal((severity, route), (decision.Raise[0].Severity, decision.Raise[0].Route));
        }
    }

    public static TheoryData<string, AgentFacts, string[], AlertSeverity[]> AgentCases => new()
    {
        { "all well", new(TimeSpan.FromMinutes(1), OutboxLevel.Ok, TimeSpan.FromSeconds(3)), [], [] },
        { "oldest waiting 15 min exactly: lagging", new(TimeSpan.FromMinutes(15), OutboxLevel.Ok, null), [AlertConditions.FeedLagging], [AlertSeverity.Medium] },
        { "oldest waiting just under 15 min", new(TimeSpan.FromMinutes(14.9), OutboxLevel.Ok, null), [], [] },
        { "outbox near full: medium", new(null, OutboxLevel.NearFull, null), [AlertConditions.OutboxNearFull], [AlertSeverity.Medium] },
        { "outbox over its bound: high", new(null, OutboxLevel.OverBound, null), [AlertConditions.OutboxNearFull], [AlertSeverity.High] },
        { "clock 2 min ahead: low", new(null, OutboxLevel.Ok, TimeSpan.FromMinutes(-2)), [AlertConditions.ClockSkew], [AlertSeverity.Low] },
        { "clock 119 s behind", new(null, OutboxLevel.Ok, TimeSpan.FromSeconds(119)), [], [] },
        {
            "everything at once",
            new(TimeSpan.FromHours(1), OutboxLevel.OverBound, TimeSpan.FromMinutes(5)),
            [AlertConditions.FeedLagging, AlertConditions.OutboxNearFull, AlertConditions.ClockSkew],
            [AlertSeverity.Medium, AlertSeverity.High, AlertSeverity.Low]
        },
    };

    [Theory]
    [MemberData(nameof(AgentCases))]
    public void The_agent_raises_for_lag_disk_and_clock(string because, AgentFacts agent, string[] conditions, AlertSeverity[] severities)
    {
        var decision = Decide(Facts(agent: agent));

        Assert.True(conditions.SequenceEqual(decision.Raise.Select(a => a.Condition)), because);
        Assert.Equal(severities, decision.Raise.Select(a => a.Severity));
        Assert.All(decision.Raise, a => Assert.Equal(AlertRoute.RegionSupervisor, a.Route));
    }

    public static TheoryData<string, bool, bool, int, bool> DeviceCases => new()
    {
        // because, online, store open, minutes offline, raises
        { "offline 10 min while open", false, true, 10, true },
        { "offline 9 min while open: not yet", false, true, 9, false },
        { "offline an hour while closed", false, false, 60, false },
        { "online", true, true, 60, false },
    };

    [Theory]
    [MemberData(nameof(DeviceCases))]
    public void A_device_raises_when_offline_long_enough_during_opening_hours(string because, bool online, bool open, int minutesOffline, bool raises)
    {
        var device = new DeviceFact("T02", "scanner", online, online ? null : Now.AddMinutes(-minutesOffline));

        var decision = Decide(Facts(open: open, devices: [device]));

        Assert.True(raises == !decision.Raise.IsEmpty, because);
        if (raises)
        {
            Assert.Equal(new StoreAlert("device-offline-T02-scanner", AlertSeverity.Medium, AlertRoute.RegionSupervisor, device), decision.Raise.Single());
        }
    }

    [Fact]
    public void A_raised_episode_raises_once_and_ends_when_the_condition_stops_holding()
    {
        var behind = new TargetStatus(TargetBand.Red, PaceDirection.Behind, -0.4m);
        var offline = new DeviceFact("T01", "till", false, Now.AddHours(-1));
        var raised = new HashSet<string> { AlertConditions.DayBehind, AlertConditions.ClockSkew, "device-offline-T01-till" };

        var still = Decide(Facts(day: behind, devices: [offline], agent: new(null, OutboxLevel.Ok, TimeSpan.FromMinutes(3)), raised: raised));
        var over = Decide(Facts(day: OnPace, devices: [offline with { Online = true, OfflineSince = null }], agent: new(null, OutboxLevel.Ok, TimeSpan.Zero), raised: raised));

        Assert.Empty(still.Raise);
        Assert.Empty(still.Ended);
        Assert.Empty(over.Raise);
        Assert.Equal([AlertConditions.DayBehind, AlertConditions.ClockSkew, "device-offline-T01-till"], over.Ended);
    }

    [Fact]
    public void A_closed_store_does_not_end_an_offline_devices_episode()
    {
        var offline = new DeviceFact("T01", "till", false, Now.AddHours(-3));

        var decision = Decide(Facts(open: false, devices: [offline], raised: new HashSet<string> { "device-offline-T01-till" }));

        Assert.Empty(decision.Raise);
        Assert.Empty(decision.Ended);
    }

    [Theory]
    [InlineData(AlertSeverity.High, "high")]
    [InlineData(AlertSeverity.Medium, "medium")]
    [InlineData(AlertSeverity.Low, "low")]
    [InlineData(AlertSeverity.Info, "info")]
    public void Severities_keep_the_names_stored_alerts_use(AlertSeverity severity, string name) => Assert.Equal(name, severity.Name());

    [Theory]
    [InlineData(AlertRoute.RegionSupervisor, "supervisor:region-east")]
    [InlineData(AlertRoute.HqCalibration, "hq")]
    public void Routes_name_the_assignee_as_the_inbox_does(AlertRoute route, string assignee) => Assert.Equal(assignee, route.Assignee("region-east"));

    public static TheoryData<string, bool, bool, string[]> ClosureCases => new()
    {
        // because, inside a recorded closure, within opening hours, conditions raised (red behind, a till offline 30 min)
        { "open and red behind, a till offline: both raise", false, true, [AlertConditions.DayBehind, AlertConditions.DeviceOffline("t1", "till")] },
        { "inside a recorded closure: not behind, the till is expected off", true, true, [] },
        { "after hours without a closure: behind still raises, the till waits", false, false, [AlertConditions.DayBehind] },
    };

    [Theory]
    [MemberData(nameof(ClosureCases))]
    public void A_store_closed_by_an_event_it_recorded_is_neither_behind_nor_missing_its_tills(string because, bool closed, bool open, string[] conditions)
    {
        var tillOff = new DeviceFact("t1", "till", false, Now.AddMinutes(-30));
        var decision = Decide(Facts(day: new TargetStatus(TargetBand.Red, PaceDirection.Behind, -0.4m), open: open, devices: [tillOff]) with { ClosedByEvent = closed });

        Assert.True(conditions.SequenceEqual(decision.Raise.Select(a => a.Condition)), because);
    }

    [Fact]
    public void A_closure_ends_the_behind_episode_so_reopening_behind_raises_again()
    {
        var red = new TargetStatus(TargetBand.Red, PaceDirection.Behind, -0.4m);
        var raised = new HashSet<string> { AlertConditions.DayBehind };

        Assert.Equal([AlertConditions.DayBehind], Decide(Facts(day: red, raised: raised) with { ClosedByEvent = true }).Ended);
    }

    private static StoreAlertDecision Decide(StoreAlertFacts facts) => StoreAlertRules.Decide(facts, Options);

    private static StoreAlertFacts Facts(TargetStatus? day = null, bool open = true, ImmutableArray<DeviceFact>? devices = null, AgentFacts? agent = null, IReadOnlySet<string>? raised = null) =>
        new(day ?? OnPace, open, devices ?? [], agent, raised ?? new HashSet<string>(), Now);
}
