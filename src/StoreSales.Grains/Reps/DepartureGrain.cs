using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Reps;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Grains.Reps;

/// <summary>
/// Watches a rep's departure for overdue hand-overs (docs/domain.md "Offboarding hand-over"). An Orleans reminder
/// (period <c>SalesForce:HandOver:OverdueCheckEvery</c>) wakes it; each tick reads the departure's hand-overs,
/// <see cref="DepartureHandOvers"/> judges them at the injected clock's now, and <see cref="SalesForceAlertRules"/>
/// decides: <c>hand-over-overdue</c> to the region's supervisor, once per departure (the raised condition is persisted).
/// When every hand-over is completed the reminder is dropped.
/// </summary>
public sealed partial class DepartureGrain : Grain, IDepartureGrain, IRemindable
{
    private const string OverdueReminder = "hand-over-overdue";
    private const string SubjectKind = "rep";
    private const int CustomersNamed = 10;

    private readonly IPersistentState<DepartureState> _state;
    private readonly IDepartureReader _reader;
    private readonly TimeProvider _clock;
    private readonly HandOverOptions _options;
    private readonly ILogger<DepartureGrain> _logger;
    private DepartureCheck _last = new(null, 0, 0, 0, false, false);

    public DepartureGrain(
        [PersistentState("departure", GrainStorageNames.Live)] IPersistentState<DepartureState> state,
        IDepartureReader reader,
        [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
        IOptions<HandOverOptions> options,
        ILogger<DepartureGrain> logger)
    {
        _state = state;
        _reader = reader;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    private string RepId => this.GetPrimaryKeyString();

    async Task IDepartureGrain.Watch()
    {
        await this.RegisterOrUpdateReminder(OverdueReminder, _options.OverdueCheckEvery, _options.OverdueCheckEvery);
        await Check();
    }

    Task<DepartureCheck> IDepartureGrain.GetLastCheck() => Task.FromResult(_last);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Check();

    private async Task Check()
    {
        var now = _clock.GetUtcNow();
        if (await _reader.Read(RepId, CancellationToken.None) is not { } departure)
        {
            LogNoDeparture(RepId);
            await StopWatching(now, 0, 0);
            return;
        }

        var judged = DepartureHandOvers.Judge([.. departure.HandOvers], now, _options);
        var decision = SalesForceAlertRules.Decide(new SalesForceAlertFacts(_state.State.Raised, HandOver: judged.Judged));
        foreach (var ended in decision.Ended)
        {
            // A departure's episode ends only with its last hand-over, and then the watch stops: kept raised, never raised twice.
            LogEpisodeEnded(RepId, ended);
        }

        var recipients = new AlertRecipients(departure.RegionId, departure.StoreId, RepId);
        var subject = new InterventionSubject(SubjectKind, RepId, departure.StoreId, departure.RegionId);
        foreach (var alert in decision.Raise)
        {
            var assignee = alert.Route.Assignee(recipients);
            try
            {
                await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(RepId, alert.Condition, assignee))
                    .Raise(subject, Describe(departure, judged, now), alert.Severity.Name(), assignee);
                _state.State.Raised.Add(alert.Condition);
                await _state.WriteStateAsync();
                LogRaised(RepId, judged.OverdueCustomers.Length, assignee);
            }
            catch (Exception ex)
            {
                // Not recorded as raised: the next tick tries again (the intervention grain opens no second alert meanwhile).
                LogRaiseFailed(ex, RepId, assignee);
            }
        }

        if (judged.Open == 0)
        {
            await StopWatching(now, 0, 0);
            return;
        }

        _last = new DepartureCheck(now, _last.Checks + 1, judged.Open, judged.OverdueCustomers.Length, _state.State.Raised.Contains(AlertConditions.HandOverOverdue), true);
    }

    private async Task StopWatching(DateTimeOffset now, int open, int overdue)
    {
        if (await this.GetReminder(OverdueReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _last = new DepartureCheck(now, _last.Checks + 1, open, overdue, _state.State.Raised.Contains(AlertConditions.HandOverOverdue), false);
    }

    private InterventionEvidence Describe(DepartureWatch departure, DepartureHandOvers judged, DateTimeOffset now)
    {
        var named = string.Join(", ", judged.OverdueCustomers.Take(CustomersNamed));
        var more = judged.OverdueCustomers.Length > CustomersNamed ? $" and {judged.OverdueCustomers.Length - CustomersNamed} more" : "";
        return new InterventionEvidence(
            $"{departure.RepName} ({RepId}) is leaving: {judged.OverdueCustomers.Length} of {departure.HandOvers.Count} customers not handed over by "
            + $"{judged.Judged!.DueAt:u} ({named}{more})",
            // No actual/expected figures: the inbox draws those as money against pace, which a count of customers is not.
            null,
            null,
            null,
            now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Departure of rep {RepId}: {Overdue} hand-overs overdue, {Assignee} alerted")]
    private partial void LogRaised(string repId, int overdue, string assignee);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Departure of rep {RepId}: raising hand-over-overdue for {Assignee} failed; the next check tries again")]
    private partial void LogRaiseFailed(Exception exception, string repId, string assignee);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rep {RepId} has no departure: nothing to watch")]
    private partial void LogNoDeparture(string repId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Departure of rep {RepId}: {Condition} no longer holds")]
    private partial void LogEpisodeEnded(string repId, string condition);
}
