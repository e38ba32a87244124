using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Targets;

namespace StoreSales.Grains.Stores;

/// <summary>
/// A store's alerts: asks <see cref="StoreAlertRules"/> what to raise, remembers which episodes already raised, and
/// sends the raises to the intervention grains without holding up the store's turn. A raise that fails is logged and
/// forgotten, so the next evaluation (refresh or publish timer) tries it again.
/// </summary>
internal sealed partial class StoreAlerts(IGrainFactory grains, string storeId, StoreAlertOptions options, TimeSpan deviceOfflineAfter, ILogger logger)
{
    private readonly HashSet<string> _raised = new(StringComparer.Ordinal);

    // When each device's offline episode began (OfflineEpisode): from the kept heartbeat for a silent agent, so a store woken
    // after a restart does not start the clock again.
    private readonly Dictionary<(string Terminal, string Kind), DateTimeOffset> _offlineSince = [];

    // Raises sent and not answered yet, by condition: a slow intervention grain never gets a second one meanwhile.
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Raises sent and not answered yet.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Evaluates the rules and starts the raises they decide; returns without waiting for them.</summary>
    public void Evaluate(StoreAlertView store, DateTimeOffset now)
    {
        var facts = new StoreAlertFacts(
            new TargetStatus(store.Day.Status, store.Day.Direction, store.Day.Deviation),
            store.Profile.Hours.IsOpenAt(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, store.TimeZone).DateTime)),
            [.. store.Devices.Select(d => new DeviceFact(d.TerminalId, d.Kind, d.Online, d.Online ? null : OfflineSince(d, now)))],
            store.Heartbeat is { } beat ? new AgentFacts(beat.OldestUnsentAge, Level(beat.OutboxState), beat.ClockSkew) : null,
            _raised,
            now,
            store.ClosedByEvent);
        foreach (var device in store.Devices.Where(d => d.Online))
        {
            _offlineSince.Remove((device.TerminalId, device.Kind));
        }

        var decision = StoreAlertRules.Decide(facts, options);
        foreach (var ended in decision.Ended)
        {
            _raised.Remove(ended);
        }

        var subject = new InterventionSubject("store", storeId, storeId, store.Profile.RegionId);
        foreach (var alert in decision.Raise.Where(a => !_inFlight.ContainsKey(a.Condition)))
        {
            _raised.Add(alert.Condition);
            var (about, evidence) = Describe(alert, store, subject, now);
            _inFlight[alert.Condition] = Send(alert, about, evidence, store.Profile.RegionId);
        }
    }

    private DateTimeOffset OfflineSince(DeviceStatus device, DateTimeOffset now)
    {
        var key = (device.TerminalId, device.Kind);
        var since = OfflineEpisode.Began(_offlineSince.TryGetValue(key, out var seen) ? seen : null, device.LastHeartbeatAt, now, deviceOfflineAfter);
        _offlineSince[key] = since;
        return since;
    }

    private async Task Send(StoreAlert alert, InterventionSubject subject, InterventionEvidence evidence, string regionId)
    {
        // Yield first, so the caller has tracked this task before it can finish (even when the call throws at once).
        await Task.Yield();
        try
        {
            await grains.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(storeId, alert.Condition))
                .Raise(subject, evidence, alert.Severity.Name(), alert.Route.Assignee(regionId));
        }
        catch (Exception ex)
        {
            _raised.Remove(alert.Condition);
            LogRaiseFailed(ex, storeId, alert.Condition);
        }
        finally
        {
            _inFlight.Remove(alert.Condition);
        }
    }

    private (InterventionSubject Subject, InterventionEvidence Evidence) Describe(StoreAlert alert, StoreAlertView store, InterventionSubject subject, DateTimeOffset now)
    {
        var name = store.Profile.Name;
        var beat = store.Heartbeat;
        switch (alert.Condition)
        {
            case AlertConditions.DayBehind or AlertConditions.DayAheadCalibration:
                var day = store.Day;
                var localHour = TimeZoneInfo.ConvertTime(now, store.TimeZone).Hour;
                return (subject, new InterventionEvidence(
                    $"{name}: today {day.Actual:N0} against {day.Expected:N0} expected by now ({day.Deviation:P0}), target {day.Target:N0}",
                    day.Actual,
                    day.Expected,
                    day.Deviation,
                    now,
                    [.. store.Hours.Where(h => h.Hour <= localHour)]));
            case AlertConditions.FeedLagging:
                var lag = beat!.OldestUnsentAge;
                return (subject, new InterventionEvidence(
                    $"{name}: {beat.OutboxDepth} sales waiting at the store, the oldest for {lag:hh\\:mm\\:ss}; last ack {(beat.LastAckAt is { } ack ? TimeZoneInfo.ConvertTime(ack, store.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture) : "never")}",
                    beat.OutboxDepth,
                    null,
                    null,
                    now,
                    Facts: new EvidenceFacts(EvidenceFacts.FeedLagging, WaitingSales: beat.OutboxDepth, OldestWaiting: lag, LastAckAt: beat.LastAckAt)));
            case AlertConditions.OutboxNearFull:
                var over = beat!.OutboxState == AgentHealth.OutboxOverBound;
                return (subject, new InterventionEvidence(
                    $"{name}: the edge agent's outbox is {(over ? "past" : "near")} its disk bound: {beat.OutboxBytes / 1048576.0:N0} of {beat.OutboxMaxBytes / 1048576.0:N0} MiB, {beat.OutboxDepth} sales waiting; sales are still kept, the store PC's disk is at risk",
                    beat.OutboxBytes,
                    null,
                    null,
                    now,
                    Facts: new EvidenceFacts(
                        over ? EvidenceFacts.OutboxOverBound : EvidenceFacts.OutboxNearFull,
                        WaitingSales: beat.OutboxDepth,
                        OutboxBytes: beat.OutboxBytes,
                        OutboxMaxBytes: beat.OutboxMaxBytes)));
            case AlertConditions.ClockSkew:
                var skew = beat!.ClockSkew!.Value;
                return (subject, new InterventionEvidence(
                    $"{name}: the store PC's clock is {skew.Duration().TotalSeconds:N0} s {(skew > TimeSpan.Zero ? "behind" : "ahead of")} the server's (limit {options.ClockSkewAlertAfter}); till times are suspect: check its time synchronisation",
                    (decimal)Math.Round(skew.TotalSeconds, 1),
                    null,
                    null,
                    now,
                    Facts: new EvidenceFacts(EvidenceFacts.ClockSkewed, ClockSkew: skew, ClockSkewLimit: options.ClockSkewAlertAfter)));
            default:
                var device = alert.Device ?? throw new InvalidOperationException($"No evidence for condition '{alert.Condition}'.");
                var since = device.OfflineSince ?? now;
                return (
                    subject with { Kind = "device", Id = $"{storeId}/{device.TerminalId}/{device.Kind}" },
                    new InterventionEvidence(
                        $"{name}: {device.Kind} of terminal {device.TerminalId} offline since {TimeZoneInfo.ConvertTime(since, store.TimeZone):HH:mm} during opening hours",
                        null,
                        null,
                        null,
                        now,
                        Facts: new EvidenceFacts(EvidenceFacts.DeviceOffline, TerminalId: device.TerminalId, DeviceKind: device.Kind, Since: since)));
        }
    }

    private static OutboxLevel Level(string? outboxState) => outboxState switch
    {
        AgentHealth.OutboxNearFull => OutboxLevel.NearFull,
        AgentHealth.OutboxOverBound => OutboxLevel.OverBound,
        _ => OutboxLevel.Ok,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store {StoreId}: raising {Condition} failed; the next evaluation tries again")]
    private partial void LogRaiseFailed(Exception exception, string storeId, string condition);
}

/// <summary>What the alerts of a store are judged on and described with, as the grain sees it now; <c>ClosedByEvent</c>: inside a recorded closure.</summary>
internal sealed record StoreAlertView(
    StoreProfile Profile,
    TimeZoneInfo TimeZone,
    PeriodProgress Day,
    ImmutableArray<HourFigure> Hours,
    ImmutableArray<DeviceStatus> Devices,
    StoreHeartbeat? Heartbeat,
    bool ClosedByEvent = false);
