using Microsoft.Extensions.Localization;
using StoreSales.Abstractions.Interventions;
using StoreSales.Domain.Access;
using StoreSales.Domain.Alerts;

namespace StoreSales.CommandCenter.Resources;

/// <summary>
/// The one place where the codes that alerts and sign-ins carry (severity, condition, assignee, role) become keys of
/// the <see cref="Labels"/> resources, so that every page says "High" / "高" where the journal says <c>high</c>. A
/// code newer than this table (a rule added in the silo first) shows as itself rather than as nothing.
/// </summary>
public static class CodeWords
{
    public static string SeverityKey(string severity) => severity switch
    {
        InterventionSeverities.High => "SeverityHigh",
        InterventionSeverities.Medium => "SeverityMedium",
        InterventionSeverities.Low => "SeverityLow",
        InterventionSeverities.Info => "SeverityInfo",
        _ => severity,
    };

    /// <summary>The rule that raised an alert; device conditions carry the device in their name and share one word.</summary>
    public static string ConditionKey(string condition) => condition switch
    {
        InterventionConditions.DayBehind => "ConditionDayBehind",
        InterventionConditions.DayAheadCalibration => "ConditionDayAhead",
        InterventionConditions.FeedLagging => "ConditionFeedLagging",
        InterventionConditions.OutboxNearFull => "ConditionOutboxNearFull",
        InterventionConditions.ClockSkew => "ConditionClockSkew",
        InterventionConditions.RepBehindTarget => "ConditionRepBehindTarget",
        AlertConditions.HandOverOverdue => "ConditionHandOverOverdue",
        AlertConditions.LeadFirstContactOverdue => "ConditionLeadFirstContactOverdue",
        AlertConditions.CustomerFollowUpDue => "ConditionCustomerFollowUpDue",
        AlertConditions.CustomerHealthDropped => "ConditionCustomerHealthDropped",
        AlertConditions.OpportunityStalled => "ConditionOpportunityStalled",
        AlertConditions.CreditHold => "ConditionCreditHold",
        AlertConditions.ApprovalOverdue => "ConditionApprovalOverdue",
        AlertConditions.SequenceConflict => "ConditionSequenceConflict",
        AlertConditions.Reconciliation => "ConditionReconciliation",
        AlertConditions.InstalmentOverdue => "ConditionInstalmentOverdue",
        _ when condition.StartsWith(EvidenceFacts.DeviceOffline, StringComparison.Ordinal) => "ConditionDeviceOffline",
        _ when condition.StartsWith(AlertConditions.LossPrevention, StringComparison.Ordinal) => "ConditionLossPrevention",
        _ => condition,
    };

    public static string RoleKey(string role) => role switch
    {
        ChainRoles.Hq => "RoleHq",
        ChainRoles.RegionalManager => "RoleRegionalManager",
        ChainRoles.FieldSupervisor => "RoleFieldSupervisor",
        ChainRoles.StoreManager => "RoleStoreManager",
        ChainRoles.SalesRep => "RoleSalesRep",
        ChainRoles.SalesManager => "RoleSalesManager",
        ChainRoles.SalesDirector => "RoleSalesDirector",
        ChainRoles.Legal => "RoleLegal",
        ChainRoles.Finance => "RoleFinance",
        ChainRoles.Admin => "RoleAdmin",
        ChainRoles.Board => "RoleBoard",
        _ => role,
    };

    /// <summary>
    /// Who an alert is for, in words: "Field supervisor, East China" with the region's name from master data
    /// (<paramref name="regionName"/>; its id when the viewer does not know it), "Store manager, Shanghai Jing'an" with
    /// the store's (<paramref name="storeName"/>), "HQ" for <c>hq</c>.
    /// </summary>
    public static string Assignee(IStringLocalizer texts, string assignee, Func<string, string?> regionName, Func<string, string?>? storeName = null)
    {
        if (InterventionAssignees.FieldSupervisorRegion(assignee) is { } region)
        {
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, texts["AssigneeFieldSupervisor"], regionName(region) ?? region);
        }

        if (assignee.StartsWith(AlertNames.RegionalManagerPrefix, StringComparison.Ordinal) && assignee.Length > AlertNames.RegionalManagerPrefix.Length)
        {
            var regional = assignee[AlertNames.RegionalManagerPrefix.Length..];
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, texts["AssigneeRegionalManager"], regionName(regional) ?? regional);
        }

        if (assignee.StartsWith(AlertNames.StoreManagerPrefix, StringComparison.Ordinal) && assignee.Length > AlertNames.StoreManagerPrefix.Length)
        {
            var store = assignee[AlertNames.StoreManagerPrefix.Length..];
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, texts["AssigneeStoreManager"], storeName?.Invoke(store) ?? store);
        }

        if (assignee.StartsWith(AlertNames.RepPrefix, StringComparison.Ordinal) && assignee.Length > AlertNames.RepPrefix.Length)
        {
            return string.Format(System.Globalization.CultureInfo.CurrentCulture, texts["AssigneeRep"], assignee[AlertNames.RepPrefix.Length..]);
        }

        return assignee == InterventionAssignees.Hq ? texts[RoleKey(ChainRoles.Hq)]
            : assignee == AlertNames.Finance ? texts[RoleKey(ChainRoles.Finance)]
            : assignee;
    }
}
