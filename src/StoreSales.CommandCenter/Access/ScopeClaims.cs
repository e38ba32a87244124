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

    public static ViewerScope ToViewerScope(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true
            ? ViewerScope.Nobody
            : ViewerScope.Of(
                user.FindAll(ClaimTypes.Role).Select(c => c.Value),
                user.FindAll(Region).Select(c => c.Value),
                user.FindAll(Store).Select(c => c.Value));
}
