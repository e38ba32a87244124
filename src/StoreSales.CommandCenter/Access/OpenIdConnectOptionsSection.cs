namespace StoreSales.CommandCenter.Access;

/// <summary>
/// A chain's own identity provider (section <c>Access:OpenIdConnect</c>); sign-in with it is offered when
/// <see cref="Authority"/> is set. Roles and scope come from the provider's claims, named here.
/// </summary>
public sealed class OpenIdConnectOptionsSection
{
    public const string SectionName = "Access:OpenIdConnect";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The button text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Company sign-in";

    /// <summary>The provider's claim that carries StoreSales roles (values as in <c>ChainRoles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The provider's claim that names the region(s) a regional manager or field supervisor leads.</summary>
    public string RegionClaim { get; set; } = "storesales_region";

    /// <summary>The provider's claim that names the store(s) a store manager or sales rep works in.</summary>
    public string StoreClaim { get; set; } = "storesales_store";

    /// <summary>The provider's claim that names the sales team(s) (departments) a sales manager leads or a rep belongs to.</summary>
    public string DepartmentClaim { get; set; } = "storesales_department";

    /// <summary>The provider's claim with the rep id of a person who sells (whose customers are theirs).</summary>
    public string RepClaim { get; set; } = "storesales_rep";

    /// <summary>The provider's claim with the rights a person holds beside their role (values as in <c>ChainRights</c>, such as export-contacts).</summary>
    public string RightClaim { get; set; } = "storesales_right";

    /// <summary>Scopes asked of the provider, space-separated; the claims above must come with them in the ID token.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>Production providers are reached over HTTPS only; a lab provider on plain HTTP needs this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>
    /// Why the settings cannot be used, or null. Half a provider (an authority without a client id, or the reverse) is an
    /// error rather than no company sign-in: the operator meant to turn it on.
    /// </summary>
    public string? Validate()
    {
        var hasAuthority = !string.IsNullOrWhiteSpace(Authority);
        if (hasAuthority != !string.IsNullOrWhiteSpace(ClientId))
        {
            return $"{SectionName}:{nameof(Authority)} and {nameof(ClientId)} must be set together (company sign-in is on when both are).";
        }

        if (!hasAuthority)
        {
            return null;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            return $"{SectionName}:{nameof(Authority)} must be an absolute https URL (is '{Authority}').";
        }

        if (authority.Scheme == Uri.UriSchemeHttp && RequireHttpsMetadata)
        {
            return $"{SectionName}:{nameof(Authority)} is plain http: use https, or set {nameof(RequireHttpsMetadata)} to false for a lab provider.";
        }

        return new[] { (nameof(RoleClaim), RoleClaim), (nameof(RegionClaim), RegionClaim), (nameof(StoreClaim), StoreClaim), (nameof(DepartmentClaim), DepartmentClaim), (nameof(RepClaim), RepClaim), (nameof(RightClaim), RightClaim), (nameof(Scopes), Scopes) }
            .FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Item2)) is { Item1: { } empty }
            ? $"{SectionName}:{empty} must not be empty."
            : null;
    }
}
