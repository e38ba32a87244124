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

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
