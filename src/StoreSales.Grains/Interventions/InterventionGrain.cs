using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Live;
using Orleans.Runtime;
using StoreSales.Domain.Interventions;

namespace StoreSales.Grains.Interventions;

/// <summary>
/// The alert of one condition of one subject (key <c>{subject}/{condition}</c>): raised by a rule, worked by a
/// person, escalated by an Orleans reminder when its SLA passes: reassigned to the next role of the escalation chain
/// (<see cref="EscalationChain"/>, <c>Interventions:Escalation:Chain</c>), and again from there while nobody takes it up,
/// until the chain's top. Every step is persisted, journaled in PostgreSQL (the row's <c>assignee</c> is the new one, the
/// step's note names from whom to whom) and pushed live, so the new assignee's inbox shows it at once and whoever sends
/// notifications reads the assignee after escalation from the same row and event.
/// </summary>
public sealed partial class InterventionGrain : Grain, IInterventionGrain, IRemindable
{
    private const string SlaReminder = "sla";
    private const string SlaActor = "sla";

    private readonly IPersistentState<InterventionState> _state;
    private readonly IInterventionJournal _journal;
    private readonly TimeProvider _clock;
    private readonly InterventionSlaOptions _sla;
    private readonly InterventionTimingOptions _timing;
    private readonly InterventionEscalationOptions _escalation;
    private readonly ILogger<InterventionGrain> _logger;

    public InterventionGrain(
        [PersistentState("intervention", GrainStorageNames.Live)] IPersistentState<InterventionState> state,
        IInterventionJournal journal,
        TimeProvider clock,
        IOptions<InterventionSlaOptions> sla,
        IOptions<InterventionTimingOptions> timing,
        IOptions<InterventionEscalationOptions> escalation,
        ILogger<InterventionGrain> logger)
    {
        _state = state;
        _journal = journal;
        _clock = clock;
        _sla = sla.Value;
        _timing = timing.Value;
        _escalation = escalation.Value;
        _logger = logger;
    }

    async Task<Intervention> IInterventionGrain.Raise(InterventionSubject subject, InterventionEvidence evidence, string severity, string assignee)
    {
        if (_state.State.Current is { Status: not InterventionStatus.Resolved } open)
        {
            return open;
        }

        var now = _clock.GetUtcNow();
        var condition = this.GetPrimaryKeyString().Split('/').Last();
        var number = _state.State.Occurrences + 1;
        var alert = new Intervention(
            $"{this.GetPrimaryKeyString()}#{number}",
            condition,
            subject,
            severity,
            evidence,
            assignee,
            InterventionStatus.Open,
            Level: 1,
            RaisedAt: now,
            UpdatedAt: now,
            Outcome: null,
            History: [new InterventionStep(1, InterventionStatus.Open, InterventionStatus.Open, "rule", now, evidence.Summary)]);
        _state.State.Occurrences = number;
        _state.State.SlaFrom = now;
        await Save(alert);
        await this.RegisterOrUpdateReminder(SlaReminder, _timing.SlaCheckPeriod, _timing.SlaCheckPeriod);
        LogRaised(alert.AlertId, assignee, evidence.Summary);
        return alert;
    }

    async Task<InterventionActionResult> IInterventionGrain.Act(InterventionAction action, string by, string? note)
    {
        if (_state.State.Current is not { } current)
        {
            return new InterventionActionResult(false, "No alert has been raised for this condition.", null);
        }

        if (action == InterventionAction.Escalate)
        {
            return new InterventionActionResult(false, "Alerts escalate by their SLA, not by hand.", current);
        }

        var updated = await Step(current, action, by, note);
        return updated.RefusedBecause is null
            ? new InterventionActionResult(true, null, updated.Alert)
            : new InterventionActionResult(false, updated.RefusedBecause, current);
    }

    Task<Intervention?> IInterventionGrain.GetCurrent() => Task.FromResult(_state.State.Current);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // Escalated to the chain's top, nobody is left to escalate to: the clock stops there (HQ keeps it).
        if (_state.State.Current is not { } current || current.Status is InterventionStatus.Resolved || AtTheTop(current))
        {
            await StopSlaClock();
            return;
        }

        if (InterventionLifecycle.IsSlaBreached(current.Status, _state.State.SlaFrom, _clock.GetUtcNow(), _sla))
        {
            var next = EscalationChain.Next(current.Assignee, current.Subject.RegionId, _escalation.Roles);
            var note = (current.Status is InterventionStatus.Open or InterventionStatus.Escalated
                ? $"Not acknowledged within {_sla.AcknowledgeWithin}."
                : $"Not resolved within {_sla.ResolveWithin}.") + $" Escalated from {current.Assignee} to {next}.";
            await Step(current, InterventionAction.Escalate, SlaActor, note, next);
        }
    }

    private bool AtTheTop(Intervention current) =>
        current.Status == InterventionStatus.Escalated && EscalationChain.Next(current.Assignee, current.Subject.RegionId, _escalation.Roles) == current.Assignee;

    private async Task<(Intervention Alert, string? RefusedBecause)> Step(Intervention current, InterventionAction action, string by, string? note, string? assignee = null)
    {
        var transition = InterventionLifecycle.Apply(current.Status, action, note);
        if (!transition.Accepted)
        {
            return (current, transition.RefusedBecause);
        }

        var now = _clock.GetUtcNow();
        var escalated = transition.Status == InterventionStatus.Escalated;
        var alert = current with
        {
            Status = transition.Status,
            UpdatedAt = now,
            Level = escalated ? current.Level + 1 : current.Level,
            Assignee = assignee ?? current.Assignee,
            // Whom it leaves keeps seeing it (InboxScope.HoldingOf): escalated away, not vanished.
            AssignedBefore = assignee is not null && assignee != current.Assignee && !current.AssignedBefore.Contains(current.Assignee)
                ? current.AssignedBefore.Add(current.Assignee)
                : current.AssignedBefore,
            Outcome = transition.Status == InterventionStatus.Resolved ? note : current.Outcome,
            History = current.History.Add(new InterventionStep(current.History.Length + 1, current.Status, transition.Status, by, now, note)),
        };
        if (escalated)
        {
            _state.State.SlaFrom = now;
        }

        await Save(alert);
        if (transition.Status == InterventionStatus.Resolved)
        {
            await StopSlaClock();
        }

        LogStep(alert.AlertId, current.Status, transition.Status, by);
        return (alert, null);
    }

    /// <summary>Grain state first (the truth), then the journal (idempotent), then the live push (best effort).</summary>
    private async Task Save(Intervention alert)
    {
        _state.State.Current = alert;
        await _state.WriteStateAsync();
        await _journal.Record(alert, CancellationToken.None);
        await GrainFactory.GetGrain<ILiveUpdateNotifierGrain>(0).PublishIntervention(alert);
    }

    private async Task StopSlaClock()
    {
        if (await this.GetReminder(SlaReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} raised for {Assignee}: {Summary}")]
    private partial void LogRaised(string alertId, string assignee, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId}: {From} → {To} by {By}")]
    private partial void LogStep(string alertId, InterventionStatus from, InterventionStatus to, string by);
}
