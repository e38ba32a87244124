using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;

namespace StoreSales.CommandCenter.Tests;

/// <summary>A person who sells or leads a sales team carries their rep id and teams, whichever way they signed in.</summary>
public sealed class SalesStaffClaimsTests
{
    [Fact]
    public void A_company_sign_in_brings_the_rep_id_and_sales_teams()
    {
        var provider = new ClaimsPrincipal(new ClaimsIdentity(
            new[] { ("sub", "emp-7"), ("roles", "sales-manager"), ("storesales_department", "dept-b2b-east"), ("storesales_department", "store-sh001"), ("storesales_rep", "rep-b2b-07") }
                .Select(c => new Claim(c.Item1, c.Item2)),
            "provider"));

        var scope = CompanyStaffClaims.Map(provider, new OpenIdConnectOptionsSection(), "company").Viewer.ToViewerScope();

        Assert.Equal([ChainRoles.SalesManager], scope.Roles);
        Assert.Equal(["dept-b2b-east", "store-sh001"], scope.Departments.Order(StringComparer.Ordinal));
        Assert.Equal("rep-b2b-07", scope.RepId);
    }

    [Fact]
    public void A_sign_in_without_them_has_no_rep_id_and_no_teams()
    {
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, ChainRoles.StoreManager), new Claim(ScopeClaims.Store, "store-sh001")], "Identity.Application"));

        var scope = viewer.ToViewerScope();

        Assert.Null(scope.RepId);
        Assert.Empty(scope.Departments);
    }
}
