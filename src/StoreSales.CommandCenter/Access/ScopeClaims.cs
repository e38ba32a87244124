using System.Collections.Immutable;
using System.Security.Claims;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// How a viewer's scope travels in their sign-in: one claim per region or store they are scoped to, next to their
/// role claims. The same claim types are accepted from a chain's own OpenID Connect provider.
/// </summary>
public static class ScopeClaims
{
    public const string Region = "storesales:region";
    public const string Store = "storesales:store";

    /// <summary>A sales team (department) the person leads or belongs to (sales manager; a store's own team needs none).</summary>
    public const string Department = "storesales:department";

    /// <summary>The rep id of a person who sells: whose customers are theirs.</summary>
    public const string Rep = "storesales:rep";

    /// <summary>A right held beside the role (<see cref="ChainRights"/>), such as <c>export-contacts</c>.</summary>
    public const string Right = "storesales:right";

    public static ViewerScope ToViewerScope(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true
            ? ViewerScope.Nobody
            : ViewerScope.Of(
                user.FindAll(ClaimTypes.Role).Select(c => c.Value),
                user.FindAll(Region).Select(c => c.Value),
                user.FindAll(Store).Select(c => c.Value)) with
            {
                Departments = user.FindAll(Department).Select(c => c.Value).ToImmutableHashSet(StringComparer.Ordinal),
                RepId = user.FindFirst(Rep)?.Value,
                Rights = user.FindAll(Right).Select(c => c.Value).ToImmutableHashSet(StringComparer.Ordinal),
            };
}
