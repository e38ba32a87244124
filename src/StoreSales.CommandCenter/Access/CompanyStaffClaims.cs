using System.Security.Claims;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Access;

/// <summary>
/// Turns what a chain's own OpenID Connect provider says about a person into a StoreSales viewer: a name, the
/// StoreSales roles among the provider's role claim, and the regions, stores, sales teams and rep id of its scope claims, written as
/// <see cref="ScopeClaims"/> like a password sign-in. Only these are kept, so every page, API and hub check reads one
/// shape whichever way the person signed in, and the sign-in cookie stays small.
/// </summary>
public static class CompanyStaffClaims
{
    /// <summary>The viewer to sign in, and the provider's role values StoreSales does not know (to be logged).</summary>
    public sealed record Mapping(ClaimsPrincipal Viewer, IReadOnlyList<string> UnknownRoles)
    {
        /// <summary>Without a StoreSales role a person may not sign in at all: they would see nothing anyway.</summary>
        public bool HasRole => Viewer.HasClaim(c => c.Type == ClaimTypes.Role);
    }

    public static Mapping Map(ClaimsPrincipal provider, OpenIdConnectOptionsSection names, string authenticationType)
    {
        var roles = ValuesOf(provider, names.RoleClaim);
        // A board is a store's TV signed in by a token, never a person: a provider cannot hand that role out.
        var known = roles.Where(r => ChainRoles.People.Contains(r, StringComparer.Ordinal)).ToList();
        var subject = provider.FindFirst("sub")?.Value ?? "";
        var name = FirstOf(provider, "preferred_username", "name", "email") ?? subject;

        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject));
        identity.AddClaims(known.Select(r => new Claim(ClaimTypes.Role, r)));
        identity.AddClaims(ValuesOf(provider, names.RegionClaim).Select(r => new Claim(ScopeClaims.Region, r)));
        identity.AddClaims(ValuesOf(provider, names.StoreClaim).Select(s => new Claim(ScopeClaims.Store, s)));
        identity.AddClaims(ValuesOf(provider, names.DepartmentClaim).Select(d => new Claim(ScopeClaims.Department, d)));
        identity.AddClaims(ValuesOf(provider, names.RepClaim).Take(1).Select(r => new Claim(ScopeClaims.Rep, r)));
        // Only the rights StoreSales has: a provider's other entitlements mean nothing here.
        identity.AddClaims(ValuesOf(provider, names.RightClaim).Where(r => r == ChainRights.ExportContacts).Select(r => new Claim(ScopeClaims.Right, r)));
        return new Mapping(new ClaimsPrincipal(identity), [.. roles.Except(known, StringComparer.Ordinal)]);
    }

    /// <summary>A JSON array in the token arrives as one claim per value; blanks and repeats are dropped.</summary>
    private static List<string> ValuesOf(ClaimsPrincipal provider, string claimType) =>
        [.. provider.FindAll(claimType).Select(c => c.Value.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string? FirstOf(ClaimsPrincipal provider, params string[] claimTypes) =>
        claimTypes.Select(t => provider.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
