using System.Collections.Immutable;

namespace StoreSales.Domain.Access;

/// <summary>What decides who sees an approval request: the roles it waits for, its region and team, who asked.</summary>
public sealed record ApprovalScope(IReadOnlyList<string> RequiredRoles, string? RegionId, string? DepartmentId, string RequestedBy);

/// <summary>
/// An inbox's query: roles decided chain-wide; roles decided within <see cref="Regions"/> or <see cref="Departments"/>;
/// <see cref="All"/>: every pending request (HQ and administrators watch the whole chain's).
/// </summary>
public sealed record ApprovalInboxFilter(IReadOnlyList<string> WideRoles, IReadOnlyList<string> ScopedRoles, IReadOnlyList<string> Regions, IReadOnlyList<string> Departments, bool All = false);

/// <summary>
/// Who sees and decides which approval request (docs/domain.md "Approvals"). A sales director decides the requests that
/// need a sales director within their scope: a region named to them, or a team (department) named to them; a director
/// with neither decides nothing (a missing claim never widens a scope). Legal and finance decide the requests that need
/// them, chain-wide. HQ and administrators see every request but decide only in a required role they hold. The person
/// who asked sees their own requests (never decides them: <see cref="Approvals.ApprovalRule"/>). A request outside the
/// viewer's sight is not found, exactly like an unknown one. The API, the pages and the live groups ask this one rule.
/// </summary>
public static class ApprovalAccessRule
{
    /// <summary>The roles that decide approvals; any other required role has no decider here.</summary>
    public static readonly IReadOnlyList<string> ApproverRoles = [ChainRoles.SalesDirector, ChainRoles.Legal, ChainRoles.Finance];

    /// <summary>
    /// The required roles the viewer holds and whose scope covers the request: what they may decide in (whether that role
    /// has decided already is the rule's to say).
    /// </summary>
    public static ImmutableHashSet<string> DecidingRoles(ViewerScope viewer, ApprovalScope request) =>
        request.RequiredRoles.Where(role => ApproverRoles.Contains(role) && viewer.Roles.Contains(role) && Covers(viewer, role, request))
            .ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>Whether the viewer (signed in as <paramref name="viewerName"/>) sees the request at all; else it is 404.</summary>
    public static bool CanSee(ViewerScope viewer, string viewerName, ApprovalScope request) =>
        viewer.SeesWholeChain
        || string.Equals(viewerName, request.RequestedBy, StringComparison.Ordinal)
        || !DecidingRoles(viewer, request).IsEmpty;

    /// <summary>
    /// Whether the approvals inbox is in the viewer's navigation: an approver role, or HQ (who watches every pending
    /// request). An administrator may open it (and sees all) but it is not their work.
    /// </summary>
    public static bool SeesInbox(ViewerScope viewer) =>
        !viewer.IsReadOnly && (viewer.Roles.Contains(ChainRoles.Hq) || ApproverRoles.Any(viewer.Roles.Contains));

    /// <summary>
    /// The audiences a change of the request is told to (live groups): each names a kind of viewer who may see it. A viewer
    /// hears it when <see cref="AudiencesOf"/> shares one, which is exactly when <see cref="CanSee"/> holds.
    /// </summary>
    public static ImmutableHashSet<string> Audiences(ApprovalScope request)
    {
        var audiences = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        audiences.Add(WholeChain);
        audiences.Add(Requester(request.RequestedBy));
        foreach (var role in request.RequiredRoles.Where(ApproverRoles.Contains))
        {
            if (!IsScoped(role))
            {
                audiences.Add(Role(role));
            }
            else
            {
                if (request.RegionId is { } region)
                {
                    audiences.Add(ScopedRole(role, "region", region));
                }

                if (request.DepartmentId is { } department)
                {
                    audiences.Add(ScopedRole(role, "department", department));
                }
            }
        }

        return audiences.ToImmutable();
    }

    /// <summary>The audiences the viewer belongs to (the live groups their inbox joins).</summary>
    public static ImmutableHashSet<string> AudiencesOf(ViewerScope viewer, string viewerName)
    {
        var audiences = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        if (viewer.SeesWholeChain)
        {
            audiences.Add(WholeChain);
        }

        audiences.Add(Requester(viewerName));
        foreach (var role in ApproverRoles.Where(viewer.Roles.Contains))
        {
            if (!IsScoped(role))
            {
                audiences.Add(Role(role));
                continue;
            }

            audiences.UnionWith(viewer.Regions.Select(region => ScopedRole(role, "region", region)));
            audiences.UnionWith(viewer.Departments.Select(department => ScopedRole(role, "department", department)));
        }

        return audiences.ToImmutable();
    }

    /// <summary>
    /// The requests an inbox lists for the viewer, as a query filter: waiting for a chain-wide role they hold, or for a
    /// scoped role (sales director) within their regions or teams. The same as <see cref="DecidingRoles"/>, set-wise.
    /// </summary>
    public static ApprovalInboxFilter InboxFilter(ViewerScope viewer)
    {
        var held = ApproverRoles.Where(viewer.Roles.Contains).ToList();
        return new ApprovalInboxFilter(
            [.. held.Where(role => !IsScoped(role))],
            [.. held.Where(IsScoped)],
            [.. viewer.Regions.Order(StringComparer.Ordinal)],
            [.. viewer.Departments.Order(StringComparer.Ordinal)],
            viewer.SeesWholeChain);
    }

    private const string WholeChain = "all";

    /// <summary>A sales director decides within a region or team; legal and finance decide for the whole chain.</summary>
    private static bool IsScoped(string role) => string.Equals(role, ChainRoles.SalesDirector, StringComparison.Ordinal);

    private static bool Covers(ViewerScope viewer, string role, ApprovalScope request) =>
        !IsScoped(role)
        || (request.RegionId is { } region && viewer.Regions.Contains(region))
        || (request.DepartmentId is { } department && viewer.Departments.Contains(department));

    private static string Requester(string name) => "requester:" + name;

    private static string Role(string role) => "role:" + role;

    private static string ScopedRole(string role, string scope, string id) => $"role:{role}:{scope}:{id}";
}
