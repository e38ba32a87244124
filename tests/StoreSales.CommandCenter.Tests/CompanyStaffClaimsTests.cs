using System.Security.Claims;
using StoreSales.CommandCenter.Access;

namespace StoreSales.CommandCenter.Tests;

/// <summary>What a chain's provider says about a person becomes the StoreSales viewer every check reads.</summary>
public sealed class CompanyStaffClaimsTests
{
    private static readonly OpenIdConnectOptionsSection Defaults = new();

    private static ClaimsPrincipal FromProvider(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "provider"));

    [Fact]
    public void Roles_regions_and_stores_under_the_default_claim_names_become_the_viewers_scope()
    {
        var mapping = CompanyStaffClaims.Map(
            FromProvider(("sub", "emp-42"), ("preferred_username", "wang.wei"), ("roles", "regional-manager"), ("roles", "field-supervisor"),
                ("storesales_region", "region-east"), ("storesales_region", "region-south")),
            Defaults,
            "company");

        var scope = mapping.Viewer.ToViewerScope();
        Assert.Equal("wang.wei", mapping.Viewer.Identity!.Name);
        Assert.Equal(["field-supervisor", "regional-manager"], scope.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(["region-east", "region-south"], scope.Regions.Order(StringComparer.Ordinal));
        Assert.True(scope.CanSeeStore("store-sh002", "region-east"));
        Assert.True(mapping.HasRole);
        Assert.Empty(mapping.UnknownRoles);
    }

    [Fact]
    public void Unknown_roles_and_the_boards_role_are_left_out_and_reported()
    {
        var mapping = CompanyStaffClaims.Map(
            FromProvider(("sub", "emp-7"), ("roles", "store-manager"), ("roles", "board"), ("roles", "Cashier"), ("storesales_store", "store-sh001")),
            Defaults,
            "company");

        Assert.Equal(["store-manager"], mapping.Viewer.ToViewerScope().Roles);
        Assert.Equal(["board", "Cashier"], mapping.UnknownRoles);
    }

    [Fact]
    public void The_export_right_comes_from_the_provider_and_unknown_rights_are_left_out()
    {
        var mapping = CompanyStaffClaims.Map(
            FromProvider(("sub", "emp-8"), ("roles", "sales-manager"), ("storesales_right", "export-contacts"), ("storesales_right", "delete-everything")),
            Defaults,
            "company");

        var scope = mapping.Viewer.ToViewerScope();
        Assert.Equal(["export-contacts"], scope.Rights);
        Assert.True(StoreSales.Domain.Access.CustomerAccessRule.CanExportContacts(scope));
    }

    [Fact]
    public void Without_a_StoreSales_role_there_is_no_viewer_to_sign_in()
    {
        var mapping = CompanyStaffClaims.Map(FromProvider(("sub", "emp-9"), ("roles", "cashier"), ("storesales_store", "store-sh001")), Defaults, "company");

        Assert.False(mapping.HasRole);
        Assert.Equal("emp-9", mapping.Viewer.Identity!.Name);
    }

    [Fact]
    public void Claim_names_come_from_configuration()
    {
        var names = new OpenIdConnectOptionsSection { RoleClaim = "groups", RegionClaim = "area", StoreClaim = "branch" };

        var scope = CompanyStaffClaims.Map(FromProvider(("sub", "emp-1"), ("groups", "sales-rep"), ("branch", "store-gz001"), ("roles", "hq")), names, "company")
            .Viewer.ToViewerScope();

        Assert.Equal(["sales-rep"], scope.Roles);
        Assert.Equal(["store-gz001"], scope.Stores);
    }
}
