using System.Collections.Immutable;

namespace StoreSales.Domain.Alerts;

/// <summary>
/// When a store raises an alert, and to whom. Once per episode: a condition raises when it starts raise and
/// not again until it stopped raise (the intervention grain also never opens a second alert while one is open).
/// </summary>
public static class StoreAlertRules
{
    public static StoreAlertDecision Decide(StoreAlertFacts facts, StoreAlertOptions options)
    {
        var raise = new List<StoreAlert>();
        var ended = new List<string>();

        // Red and behind: the region's field supervisor should act. Red and ahead: the target is probably wrong.
        // A store inside a closure it recorded is not behind: nobody can sell there, and pacing expects nothing meanwhile.
        Check(AlertConditions.DayBehind, facts.Day.NeedsIntervention && !facts.ClosedByEvent, AlertSeverity.High, AlertRoute.RegionSupervisor);
        Check(AlertConditions.DayAheadCalibration, facts.Day.NeedsCalibration, AlertSeverity.Info, AlertRoute.HqCalibration);

        var agent = facts.Agent;
        Check(AlertConditions.FeedLagging, agent?.OldestUnsentAge is { } lag && lag >= options.FeedLagAlertAfter, AlertSeverity.Medium, AlertRoute.RegionSupervisor);
        Check(
            AlertConditions.OutboxNearFull,
            agent?.Outbox is OutboxLevel.NearFull or OutboxLevel.OverBound,
            agent?.Outbox == OutboxLevel.OverBound ? AlertSeverity.High : AlertSeverity.Medium,
            AlertRoute.RegionSupervisor);
        Check(AlertConditions.ClockSkew, agent?.ClockSkew is { } skew && skew.Duration() >= options.ClockSkewAlertAfter, AlertSeverity.Low, AlertRoute.RegionSupervisor);

        foreach (var device in facts.Devices)
        {
            var condition = AlertConditions.DeviceOffline(device.TerminalId, device.Kind);
            if (device.Online)
            {
                // Back online ends the episode; a closed store's offline device waits for opening, it has not ended.
                if (facts.Raised.Contains(condition))
                {
                    ended.Add(condition);
                }

                continue;
            }

            var longEnough = device.OfflineSince is { } since && facts.Now - since >= options.DeviceOfflineAlertAfter;
            // Inside a recorded closure the tills are expected off: not an offline device.
            if (facts.StoreOpen && !facts.ClosedByEvent && longEnough && !facts.Raised.Contains(condition))
            {
                raise.Add(new StoreAlert(condition, AlertSeverity.Medium, AlertRoute.RegionSupervisor, device));
            }
        }

        return new StoreAlertDecision([.. raise], [.. ended]);

        void Check(string condition, bool holds, AlertSeverity severity, AlertRoute route)
        {
            if (!holds)
            {
                if (facts.Raised.Contains(condition))
                {
                    ended.Add(condition);
                }
            }
            else if (!facts.Raised.Contains(condition))
            {
                raise.Add(new StoreAlert(condition, severity, route));
            }
        }
    }
}
