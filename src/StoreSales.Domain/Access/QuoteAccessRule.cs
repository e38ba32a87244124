namespace StoreSales.Domain.Access;

/// <summary>
/// Who sees and makes an opportunity's quotes (docs/domain.md "Quotes"). A quote is seen by whoever sees the opportunity's
/// customer under <see cref="CustomerAccessRule"/> (the owner rep, the team's managers, HQ) and by those who approve
/// quotes: a sales director within their region or teams, legal and finance chain-wide. It is made and submitted by the
/// opportunity's owner rep or the team's sales manager. Out of sight reads as unknown (404), like another rep's customer.
/// </summary>
public static class QuoteAccessRule
{
    public static bool MaySee(ViewerScope viewer, string ownerRepId, string departmentId, string? regionId, string? ownerStoreId = null) =>
        CustomerAccessRule.Sight(viewer, ownerRepId, departmentId, ownerStoreId) != CustomerSight.Hidden
        || (viewer.Roles.Contains(ChainRoles.SalesDirector)
            && (viewer.Departments.Contains(departmentId) || (regionId is not null && viewer.Regions.Contains(regionId))))
        || viewer.Roles.Contains(ChainRoles.Legal)
        || viewer.Roles.Contains(ChainRoles.Finance);

    /// <summary>Whether the viewer makes and submits quotes on this opportunity: its owner rep, or the team's sales manager.</summary>
    public static bool MayQuote(ViewerScope viewer, string ownerRepId, string departmentId) =>
        !viewer.IsReadOnly
        && ((viewer.RepId is { } rep && string.Equals(rep, ownerRepId, StringComparison.Ordinal))
            || (viewer.Roles.Contains(ChainRoles.SalesManager) && viewer.Departments.Contains(departmentId)));
}
