using Microsoft.Extensions.Logging;
using StoreSales.Abstractions.Customers;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;

namespace StoreSales.Grains.Customers;

/// <summary>
/// A customer's alerts: <see cref="SalesForceAlertRules"/> decides what to raise and for whom from the golden-hours and
/// dormancy judgements; the raises go to the intervention inbox (one <see cref="IInterventionGrain"/> per subject,
/// recipient and condition, as the rep's alerts do). The golden-hours alert's subject is the lead
/// (<c>lead-{id}</c>: one per lead however often it is judged); the follow-up's is the customer. What was raised is
/// remembered by the caller (<see cref="CustomerState"/>), so each episode raises once across activations.
/// </summary>
internal sealed partial class CustomerAlerts(IGrainFactory grains, string customerId, ILogger logger)
{
    private const string SubjectKind = "customer";

    /// <summary>Raises the first-contact-overdue alert of a lead when the rule says so; true when it was raised now (to everyone).</summary>
    public async Task<bool> JudgeLead(OpenLeadFacts lead, LeadContact contact, bool raisedBefore, DateTimeOffset now)
    {
        var raised = raisedBefore ? new HashSet<string> { AlertConditions.LeadFirstContactOverdue } : [];
        var decision = SalesForceAlertRules.Decide(new SalesForceAlertFacts(raised, Lead: contact));
        if (decision.Raise.IsEmpty)
        {
            return false;
        }

        var summary = $"Lead of customer {customerId} assigned to {lead.RepId} at {lead.AssignedAt:u}: no first contact by {contact.DueAt:u}";
        var evidence = new InterventionEvidence(summary, null, null, null, now);
        var subject = new InterventionSubject(SubjectKind, customerId, lead.Rep?.StoreId, lead.Rep?.RegionId);
        return await Raise($"lead-{lead.LeadId}", decision, new AlertRecipients(lead.Rep?.RegionId ?? "", lead.Rep?.StoreId, lead.RepId), subject, evidence);
    }

    /// <summary>Raises the follow-up reminder to the owner when the rule says so; true when it was raised now (to everyone).</summary>
    public async Task<bool> JudgeFollowUp(string ownerRepId, RepPlace? owner, CustomerDormancy dormancy, bool raisedBefore, DateTimeOffset now)
    {
        var raised = raisedBefore ? new HashSet<string> { AlertConditions.CustomerFollowUpDue } : [];
        var decision = SalesForceAlertRules.Decide(new SalesForceAlertFacts(raised, Dormancy: dormancy));
        if (decision.Raise.IsEmpty)
        {
            return false;
        }

        var summary = $"Customer {customerId}: no activity for {dormancy.IdleDays} days (since {dormancy.LastActivityAt:u}); follow up before it is released to the pool";
        var evidence = new InterventionEvidence(summary, dormancy.IdleDays, null, null, now);
        var subject = new InterventionSubject(SubjectKind, customerId, owner?.StoreId, owner?.RegionId);
        return await Raise(customerId, decision, new AlertRecipients(owner?.RegionId ?? "", owner?.StoreId, ownerRepId), subject, evidence);
    }

    /// <summary>
    /// One raise per recipient; true when every recipient has theirs. A recipient that cannot be addressed (the supervisor
    /// of a rep master data places in no region) is logged, not guessed. A failed raise is logged and answers false, so the
    /// caller does not remember the episode and the next judgement tries again (a recipient whose alert is open gets no
    /// second one: the intervention grain's rule).
    /// </summary>
    private async Task<bool> Raise(string subjectKey, SalesForceAlertDecision decision, AlertRecipients recipients, InterventionSubject subject, InterventionEvidence evidence)
    {
        var all = true;
        foreach (var alert in decision.Raise)
        {
            if (alert.Route == AlertRoute.RegionSupervisor && recipients.RegionId.Length == 0)
            {
                LogNoRegion(customerId, alert.Condition, recipients.RepId);
                continue;
            }

            var assignee = alert.Route.Assignee(recipients);
            var key = InterventionConditions.GrainKey(subjectKey, alert.Condition, assignee);
            try
            {
                await grains.GetGrain<IInterventionGrain>(key).Raise(subject, evidence, alert.Severity.Name(), assignee);
                LogRaised(customerId, alert.Condition, assignee);
            }
            catch (Exception exception)
            {
                all = false;
                LogRaiseFailed(exception, customerId, alert.Condition, assignee);
            }
        }

        return all;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId}: {Condition} raised for {Assignee}")]
    private partial void LogRaised(string customerId, string condition, string assignee);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: raising {Condition} for {Assignee} failed; the next judgement tries again")]
    private partial void LogRaiseFailed(Exception exception, string customerId, string condition, string assignee);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: {Condition} has no supervisor to go to (rep {RepId} is in no region of master data)")]
    private partial void LogNoRegion(string customerId, string condition, string? repId);
}
