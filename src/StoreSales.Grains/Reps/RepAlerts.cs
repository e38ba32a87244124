using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Chain;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Grains.Sales;

namespace StoreSales.Grains.Reps;

/// <summary>
/// A rep's alerts: <see cref="RepTargetRule"/> picks the period to judge, <see cref="SalesForceAlertRules"/> decides what
/// to raise and for whom (<c>rep-behind-target</c>: the store manager and the region's supervisor, one alert each), and
/// the raises go to the intervention grains without holding up the rep's turn. Once per episode: a condition raised is
/// not raised again until it stopped holding. A raise that fails is logged and forgotten, so the next evaluation (the
/// rep's timers) tries it again; a recipient whose alert is open gets no second one (the intervention grain's rule).
/// </summary>
internal sealed partial class RepAlerts(IGrainFactory grains, string repId, ILogger logger)
{
    private const string SubjectKind = "rep";

    private readonly HashSet<string> _raised = new(StringComparer.Ordinal);

    // Raises sent and not answered yet, by intervention key: a slow intervention grain never gets a second one meanwhile.
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Evaluates the rules on the rep's figures now and starts the raises they decide; returns without waiting for them.</summary>
    public void Evaluate(RepAlertView rep, DateTimeOffset now)
    {
        var judged = RepTargetRule.ForAlert(PacedFigures.ToStatus(rep.Day), PacedFigures.ToStatus(rep.Month), rep.Profile.Active, rep.StoreClosedByEvent);
        var decision = SalesForceAlertRules.Decide(new SalesForceAlertFacts(_raised, RepTarget: judged.Status));
        foreach (var ended in decision.Ended)
        {
            _raised.Remove(ended);
        }

        if (decision.Raise.IsEmpty)
        {
            return;
        }

        var store = rep.Store;
        var recipients = new AlertRecipients(store.RegionId, store.StoreId, repId);
        var subject = new InterventionSubject(SubjectKind, repId, store.StoreId, store.RegionId);
        var evidence = Describe(judged, rep, now);
        foreach (var alert in decision.Raise)
        {
            var assignee = alert.Route.Assignee(recipients);
            var key = InterventionConditions.GrainKey(repId, alert.Condition, assignee);
            if (_inFlight.ContainsKey(key))
            {
                continue;
            }

            _raised.Add(alert.Condition);
            _inFlight[key] = Send(key, alert, subject, evidence, assignee);
        }
    }

    private async Task Send(string key, SalesForceAlert alert, InterventionSubject subject, InterventionEvidence evidence, string assignee)
    {
        // Yield first, so the caller has tracked this task before it can finish (even when the call throws at once).
        await Task.Yield();
        try
        {
            await grains.GetGrain<IInterventionGrain>(key).Raise(subject, evidence, alert.Severity.Name(), assignee);
        }
        catch (Exception ex)
        {
            _raised.Remove(alert.Condition);
            LogRaiseFailed(ex, repId, alert.Condition, assignee);
        }
        finally
        {
            _inFlight.Remove(key);
        }
    }

    private static InterventionEvidence Describe(RepTargetJudgement judged, RepAlertView rep, DateTimeOffset now)
    {
        var day = judged.Period == TargetPeriod.Day;
        var period = day ? rep.Day : rep.Month;
        var localHour = TimeZoneInfo.ConvertTime(now, rep.TimeZone).Hour;
        return new InterventionEvidence(
            $"{rep.Profile.Name} ({rep.Store.Name}): {(day ? "today" : "this month")} {period.Actual:N0} against {period.Expected:N0} expected by now ({period.Deviation:P0}), target {period.Target:N0}",
            period.Actual,
            period.Expected,
            period.Deviation,
            now,
            day ? rep.Hours.Where(h => h.Hour <= localHour).ToImmutableArray() : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepId}: raising {Condition} for {Assignee} failed; the next evaluation tries again")]
    private partial void LogRaiseFailed(Exception exception, string repId, string condition, string assignee);
}

/// <summary>What a rep's alerts are judged on and described with, as the grain sees it now.</summary>
internal sealed record RepAlertView(
    RepProfile Profile,
    StoreProfile Store,
    TimeZoneInfo TimeZone,
    PeriodProgress Day,
    PeriodProgress Month,
    ImmutableArray<HourFigure> Hours,
    bool StoreClosedByEvent);
