using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Domain.Targets;

namespace StoreSales.Domain.Alerts;

/// <summary>
/// What the sales-force alert rules look at for one subject (a lead, a customer or a rep), as the rules of
/// docs/domain.md ("The sales force") judged it. A fact left null is not this caller's to judge: its condition
/// neither raises nor ends (a rep grain knows no customer's dormancy). <paramref name="Raised"/> holds the
/// conditions already raised for this subject's episode under way.
/// </summary>
public sealed record SalesForceAlertFacts(
    IReadOnlySet<string> Raised,
    LeadContact? Lead = null,
    CustomerDormancy? Dormancy = null,
    HandOverState? HandOver = null,
    bool? HealthDropped = null,
    TargetStatus? RepTarget = null,
    OpportunityAge? Opportunity = null);
