using StoreSales.Domain.SalesForce.Customers;

namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// A customer's stage for its hand-over, first match wins: an open lead; dormant (180 days); follow-up due (a next
/// action past its due date, or the dormancy count at 30 days or more); else active. Rule in docs/domain.md
/// ("Offboarding hand-over").
/// </summary>
public static class CustomerStageRule
{
    public static CustomerStage Of(CustomerStageFacts facts)
    {
        if (facts.HasOpenLead)
        {
            return CustomerStage.OpenLead;
        }

        if (facts.Dormancy.State == DormancyState.Dormant)
        {
            return CustomerStage.Dormant;
        }

        // A next action due today is not late yet: it is late from the day after (follow-up closure counts the same way).
        var actionLate = facts.EarliestOpenActionDue is { } due && due < facts.Today;
        return actionLate || facts.Dormancy.State is DormancyState.FollowUpDue or DormancyState.ReleasedToPool
            ? CustomerStage.FollowUpDue
            : CustomerStage.Active;
    }
}
