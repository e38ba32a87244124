using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Approvals;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Approvals;
using StoreSales.Domain.Interventions;

namespace StoreSales.Grains.Approvals;

/// <summary>
/// The cluster's one overdue check of approval requests (key 0; docs/domain.md "Approvals"). Its Orleans reminder
/// (every <see cref="ApprovalOptions.OverdueCheckEvery"/>) asks PostgreSQL for pending requests past their due time
/// that were not escalated yet, raises one <c>approval-overdue</c> intervention per request (<see cref="ApprovalOverdueRule"/>
/// routes it) and keeps that it did, so a request is escalated once however many checks see it. The intervention
/// then escalates level by level as the intervention lifecycle says. No reminder per request: a thousand waiting
/// requests are one query a minute. The same check resolves the alert of every escalated request decided or withdrawn
/// since (outcome: <see cref="ApprovalOverdueRule.Outcome"/>), once per request; the command center asks for a check at
/// once when it hears of a decision, so the alert closes within moments rather than at the next tick.
/// </summary>
public sealed partial class ApprovalOverdueGrain(
    IOverdueApprovals overdue,
    [FromKeyedServices(SalesForceClock.Key)] TimeProvider clock,
    IOptions<ApprovalOptions> options,
    ILogger<ApprovalOverdueGrain> logger) : Grain, IApprovalOverdueGrain, IRemindable
{
    private const string CheckReminder = "approval-overdue";
    private const string SubjectKind = "approval";

    async Task IApprovalOverdueGrain.Start()
    {
        await this.RegisterOrUpdateReminder(CheckReminder, options.Value.OverdueCheckEvery, options.Value.OverdueCheckEvery);
        await Check();
    }

    Task<int> IApprovalOverdueGrain.Check() => Check();

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Check();

    private async Task<int> Check()
    {
        var now = clock.GetUtcNow();
        var raised = 0;
        foreach (var request in await overdue.Unraised(now, options.Value.OverdueBatch, CancellationToken.None))
        {
            var subjectId = $"{SubjectKind}-{request.ApprovalId.ToString(CultureInfo.InvariantCulture)}";
            var assignee = ApprovalOverdueRule.Assignee(request.RegionId);
            try
            {
                await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(subjectId, AlertConditions.ApprovalOverdue))
                    .Raise(new InterventionSubject(SubjectKind, subjectId, null, request.RegionId), Describe(request, now), ApprovalOverdueRule.Severity.Name(), assignee);
                await overdue.MarkRaised(request.ApprovalId, now, CancellationToken.None);
                raised++;
                LogRaised(request.ApprovalId, request.Kind, assignee);
            }
            catch (Exception exception)
            {
                // Not marked: the next check tries again (the intervention grain opens no second alert while one is open).
                LogRaiseFailed(exception, request.ApprovalId);
            }
        }

        await ResolveSettled(now);
        return raised;
    }

    private async Task ResolveSettled(DateTimeOffset now)
    {
        foreach (var settled in await overdue.SettledUnresolved(options.Value.OverdueBatch, CancellationToken.None))
        {
            var subjectId = $"{SubjectKind}-{settled.ApprovalId.ToString(CultureInfo.InvariantCulture)}";
            var outcome = ApprovalOverdueRule.Outcome(
                settled.ApprovalId, settled.Kind, settled.SubjectId, settled.Status, settled.SettledAt, settled.DecidedBy, settled.Role, settled.Reason);
            try
            {
                var result = await GrainFactory.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(subjectId, AlertConditions.ApprovalOverdue))
                    .Act(InterventionAction.Resolve, ApprovalOverdueRule.ResolvedBy, outcome);
                // Refused only when there is nothing open to resolve (resolved by hand already): kept as done either way.
                await overdue.MarkResolved(settled.ApprovalId, now, CancellationToken.None);
                LogResolved(settled.ApprovalId, result.Accepted, outcome);
            }
            catch (Exception exception)
            {
                // Not marked: the next check tries again.
                LogResolveFailed(exception, settled.ApprovalId);
            }
        }
    }

    private static InterventionEvidence Describe(OverdueApproval request, DateTimeOffset now)
    {
        var amount = request.Amount is { } value ? $", ¥{value.ToString("N0", CultureInfo.InvariantCulture)}" : "";
        return new InterventionEvidence(
            $"Approval {request.ApprovalId} ({request.Kind} {request.SubjectId}{amount}), asked by {request.RequestedBy}, "
            + $"has waited for {string.Join(" and ", request.Waiting)} since {request.RequestedAt:u}; it was due at {request.DueAt:u}",
            Actual: (decimal)(now - request.RequestedAt).TotalHours,
            Expected: (decimal)(request.DueAt - request.RequestedAt).TotalHours,
            Deviation: (decimal)(now - request.DueAt).TotalHours,
            ObservedAt: now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId} ({Kind}) is overdue: intervention raised for {Assignee}")]
    private partial void LogRaised(long approvalId, string kind, string assignee);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId} settled: its overdue intervention resolved ({Resolved}): {Outcome}")]
    private partial void LogResolved(long approvalId, bool resolved, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval {ApprovalId} is settled but its overdue intervention could not be resolved; the next check tries again")]
    private partial void LogResolveFailed(Exception exception, long approvalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval {ApprovalId} is overdue but its intervention could not be raised; the next check tries again")]
    private partial void LogRaiseFailed(Exception exception, long approvalId);
}
