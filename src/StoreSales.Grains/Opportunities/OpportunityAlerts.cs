using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Interventions;
using StoreSales.Abstractions.Opportunities;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Grains.Opportunities;

/// <summary>
/// An opportunity's alert: <see cref="SalesForceAlertRules"/> decides from its age whether <c>opportunity-stalled</c> is
/// raised and for whom (the manager of the owner rep's store and the region's supervisor, as for a rep behind target);
/// one intervention grain per subject, recipient and condition, so a recipient whose alert is open gets no second one.
/// Which episode was raised is remembered by the grain (<see cref="OpportunityState"/>).
/// </summary>
internal sealed partial class OpportunityAlerts(IGrainFactory grains, string opportunityId, ILogger logger)
{
    private const string SubjectKind = "opportunity";

    /// <summary>Raises the stalled alert when the rule says so; true when every recipient has theirs now.</summary>
    public async Task<bool> JudgeStalled(OpportunityFacts facts, OpportunityAge age, bool raisedBefore, DateTimeOffset now)
    {
        var raised = raisedBefore ? new HashSet<string> { AlertConditions.OpportunityStalled } : [];
        var decision = SalesForceAlertRules.Decide(new SalesForceAlertFacts(raised, Opportunity: age));
        if (decision.Raise.IsEmpty)
        {
            return false;
        }

        var summary = $"Opportunity {facts.Title} ({facts.CustomerName}, {facts.Amount:N0} {facts.Currency}) of {facts.OwnerRepId}: "
            + $"no activity in stage {facts.Stage} for {age.Idle.TotalDays:N0} days (since {facts.LastActivityAt:u})";
        var evidence = new InterventionEvidence(summary, (decimal)Math.Round(age.Idle.TotalDays, 1), null, null, now);
        var subject = new InterventionSubject(SubjectKind, opportunityId, facts.OwnerStoreId, facts.RegionId);
        var recipients = new AlertRecipients(facts.RegionId ?? "", facts.OwnerStoreId, facts.OwnerRepId);
        var all = true;
        foreach (var alert in decision.Raise)
        {
            if ((alert.Route == AlertRoute.RegionSupervisor && recipients.RegionId.Length == 0) || (alert.Route == AlertRoute.StoreManager && recipients.StoreId is null))
            {
                // The owner is in no store or region of master data: logged, not guessed.
                LogNoRecipient(opportunityId, alert.Route.ToString(), facts.OwnerRepId);
                continue;
            }

            var assignee = alert.Route.Assignee(recipients);
            try
            {
                await grains.GetGrain<IInterventionGrain>(InterventionConditions.GrainKey(opportunityId, alert.Condition, assignee))
                    .Raise(subject, evidence, alert.Severity.Name(), assignee);
                LogRaised(opportunityId, assignee);
            }
            catch (Exception exception)
            {
                all = false;
                LogRaiseFailed(exception, opportunityId, assignee);
            }
        }

        return all;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId}: opportunity-stalled raised for {Assignee}")]
    private partial void LogRaised(string opportunityId, string assignee);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opportunity {OpportunityId}: raising opportunity-stalled for {Assignee} failed; the next tick tries again")]
    private partial void LogRaiseFailed(Exception exception, string opportunityId, string assignee);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opportunity {OpportunityId}: opportunity-stalled has no {Route} to go to (rep {RepId} is in no store or region of master data)")]
    private partial void LogNoRecipient(string opportunityId, string route, string repId);
}
