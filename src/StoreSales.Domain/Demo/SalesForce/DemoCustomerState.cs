namespace StoreSales.Domain.Demo.SalesForce;

/// <summary>
/// Where a demo customer stands in the sales-force rules (docs/domain.md, "The sales force") when the demo starts, so
/// that every rule has something to show and some of them fire while someone watches.
/// </summary>
public enum DemoCustomerState
{
    /// <summary>Contacted within the last weeks: nothing due.</summary>
    Active,

    /// <summary>A lead assigned a couple of hours ago, not contacted yet: the golden-hours countdown runs.</summary>
    LeadFresh,

    /// <summary>A lead one hour short of its first-contact window: it turns overdue an hour into the demo.</summary>
    LeadAlmostOverdue,

    /// <summary>One day short of the follow-up reminder.</summary>
    FollowUpTomorrow,

    /// <summary>Past the follow-up reminder, not yet released to the pool.</summary>
    FollowUpDue,

    /// <summary>One day short of release to the public pool.</summary>
    ReleaseTomorrow,

    /// <summary>Past the release day: the pool release puts it in the public pool.</summary>
    Released,

    /// <summary>One day short of dormancy.</summary>
    DormantTomorrow,

    /// <summary>Past the dormancy day: for the training pool.</summary>
    Dormant,
}
