using System.Collections.Frozen;
using System.Collections.Immutable;
using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.Alerts;

/// <summary>
/// When the sales force's rules raise an alert, how urgent, and to whom: the one table below. Once per episode,
/// as for a store (<see cref="StoreAlertRules"/>): a condition raises when it starts to hold and not again until it
/// stopped holding. Rules and routes in docs/domain.md ("The sales force").
/// </summary>
public static class SalesForceAlertRules
{
    /// <summary>Condition → who is told, at which severity.</summary>
    public static readonly FrozenDictionary<string, ImmutableArray<AlertDelivery>> Table = new Dictionary<string, ImmutableArray<AlertDelivery>>(StringComparer.Ordinal)
    {
        // Golden 48 hours: a reminder to the rep and an intervention for their supervisor (shown on the supervisor's board).
        [AlertConditions.LeadFirstContactOverdue] = [new(AlertSeverity.Medium, AlertRoute.Rep), new(AlertSeverity.Medium, AlertRoute.RegionSupervisor)],

        // 30 days without interaction: the owner is reminded; nobody else yet (at 45 days the pool takes over).
        [AlertConditions.CustomerFollowUpDue] = [new(AlertSeverity.Low, AlertRoute.Rep)],

        // A departing rep's customer not handed over in 72 h: the customer may walk out with the rep.
        [AlertConditions.HandOverOverdue] = [new(AlertSeverity.High, AlertRoute.RegionSupervisor)],

        // Falling health: the owner should look after the customer.
        [AlertConditions.CustomerHealthDropped] = [new(AlertSeverity.Medium, AlertRoute.Rep)],

        // A rep red and behind: the store (team) manager acts first, the supervisor is told.
        [AlertConditions.RepBehindTarget] = [new(AlertSeverity.High, AlertRoute.StoreManager), new(AlertSeverity.Medium, AlertRoute.RegionSupervisor)],

        // An opportunity idle past its stage's stalled limit: as for a rep behind, the rep's (team) manager acts, the supervisor is told.
        [AlertConditions.OpportunityStalled] = [new(AlertSeverity.Medium, AlertRoute.StoreManager), new(AlertSeverity.Low, AlertRoute.RegionSupervisor)],
        // A B2B order held for credit: the region's field supervisor looks at the customer (the rep is warned in the answer).
        [AlertConditions.CreditHold] = [new(AlertSeverity.High, AlertRoute.RegionSupervisor)],

        // An instalment open past ContractToCash:OverdueAfterDays: the owner rep calls the customer, finance chases the payment.
        [AlertConditions.InstalmentOverdue] = [new(AlertSeverity.Medium, AlertRoute.Rep), new(AlertSeverity.Medium, AlertRoute.Finance)],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static SalesForceAlertDecision Decide(SalesForceAlertFacts facts)
    {
        var raise = new List<SalesForceAlert>();
        var ended = new List<string>();

        Check(AlertConditions.LeadFirstContactOverdue, facts.Lead?.IsOverdue);
        Check(AlertConditions.CustomerFollowUpDue, facts.Dormancy is null ? null : facts.Dormancy.State == DormancyState.FollowUpDue);
        Check(AlertConditions.HandOverOverdue, facts.HandOver?.IsOverdue);
        Check(AlertConditions.CustomerHealthDropped, facts.HealthDropped);
        Check(AlertConditions.RepBehindTarget, facts.RepTarget?.NeedsIntervention);
        Check(AlertConditions.OpportunityStalled, facts.Opportunity is null ? null : facts.Opportunity.Colour == SalesForce.Opportunities.AgeingColour.Stalled);

        return new SalesForceAlertDecision([.. raise], [.. ended]);

        void Check(string condition, bool? holds)
        {
            var raised = facts.Raised.Contains(condition);
            if (holds == false && raised)
            {
                ended.Add(condition);
            }
            else if (holds == true && !raised)
            {
                raise.AddRange(Table[condition].Select(d => new SalesForceAlert(condition, d.Severity, d.Route)));
            }
        }
    }
}
