using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// The hub groups of the approvals inbox, one per audience of <see cref="ApprovalAccessRule"/>: a viewer joins the groups
/// of the audiences they belong to, a change is sent to the groups of the request's audiences, so a connection hears
/// exactly of the requests its viewer may see.
/// </summary>
public static class ApprovalGroups
{
    public const string ApprovalChanged = "ApprovalChanged";

    public static IReadOnlyList<string> Of(ViewerScope viewer, string viewerName) =>
        [.. ApprovalAccessRule.AudiencesOf(viewer, viewerName).Select(Group)];

    public static IReadOnlyList<string> Of(ApprovalChange change) =>
        [.. ApprovalAccessRule.Audiences(change.Scope).Select(Group)];

    private static string Group(string audience) => "approvals:" + audience;
}
