using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.CommandCenter.Access;
using StoreSales.Testing.CompanyIdentity;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Sign-in with the chain's own OpenID Connect provider, end to end against a real provider: the browser goes to
/// the provider and back (authorization code with PKCE), the provider's roles, regions and stores become the
/// viewer's scope, and every check of the command center applies to them as to a password sign-in.
/// </summary>
public sealed class CompanySignInTests(CompanySignInFixture chain) : IClassFixture<CompanySignInFixture>
{
    private static readonly string[] EastStores = ["store-hz001", "store-sh001", "store-sh002"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_store_manager_from_the_provider_lands_on_the_command_center_with_their_role_and_store()
    {
        using var browser = new CompanyBrowser(chain.CommandCenter.BaseAddress);

        var landed = await browser.SignIn(CompanySignInFixture.StoreManager, "/", Cancellation);
        var me = await browser.Http.GetFromJsonAsync<JsonElement>("/api/me", Cancellation);

        Assert.Equal(chain.CommandCenter.BaseAddress.Authority, landed.Authority);
        Assert.Equal("li.na", me.GetProperty("name").GetString());
        // "board" is a TV's role and "cashier" no StoreSales role: the provider cannot hand either out.
        Assert.Equal(["store-manager"], Strings(me, "roles"));
        Assert.Equal(["store-sh001"], Strings(me, "stores"));
        Assert.Empty(Strings(me, "regions"));
        Assert.True(browser.HasCookie(AccessSetup.CompanyCookieName));
    }

    [Theory]
    [InlineData("/api/stores/store-sh001/progress", HttpStatusCode.OK)]
    [InlineData("/api/stores/store-sh002/progress", HttpStatusCode.Forbidden)]
    [InlineData("/api/regions/region-east/progress", HttpStatusCode.Forbidden)]
    [InlineData("/api/interventions?regionId=region-east", HttpStatusCode.Forbidden)]
    public async Task A_store_manager_from_the_provider_reads_their_store_and_nothing_else(string path, HttpStatusCode expected)
    {
        using var browser = new CompanyBrowser(chain.CommandCenter.BaseAddress);
        await browser.SignIn(CompanySignInFixture.StoreManager, "/", Cancellation);

        using var response = await browser.Http.GetAsync(path, Cancellation);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_store_manager_from_the_provider_joins_their_stores_live_group_and_puts_its_board_on_a_TV()
    {
        using var browser = new CompanyBrowser(chain.CommandCenter.BaseAddress);
        await browser.SignIn(CompanySignInFixture.StoreManager, "/", Cancellation);
        await using var hub = browser.OpenHub();
        await hub.StartAsync(Cancellation);

        await hub.InvokeAsync("JoinStore", "store-sh001", Cancellation);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("JoinStore", "store-sh002", Cancellation));
        using var boardToken = await browser.Http.PostAsJsonAsync("/api/stores/store-sh001/board-tokens", new { label = "back-office TV" }, Cancellation);

        Assert.Contains("Not allowed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, boardToken.StatusCode);
    }

    [Fact]
    public async Task A_regional_manager_from_the_provider_sees_exactly_their_regions_stores()
    {
        using var browser = new CompanyBrowser(chain.CommandCenter.BaseAddress);
        await browser.SignIn(CompanySignInFixture.RegionalManager, "/", Cancellation);

        var stores = await browser.Http.GetFromJsonAsync<JsonElement>("/api/stores", Cancellation);
        using var ownRegion = await browser.Http.GetAsync("/api/regions/region-east/progress", Cancellation);
        using var otherRegion = await browser.Http.GetAsync("/api/regions/region-south/progress", Cancellation);

        Assert.Equal(EastStores, stores.EnumerateArray().Select(s => s.GetProperty("storeId").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(HttpStatusCode.OK, ownRegion.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherRegion.StatusCode);
    }

    [Fact]
    public async Task A_person_without_a_StoreSales_role_is_refused_at_the_door()
    {
        using var browser = new CompanyBrowser(chain.CommandCenter.BaseAddress);

        var landed = await browser.SignIn(CompanySignInFixture.NoStoreSalesRole, "/stores/store-sh001", Cancellation);
        using var me = await browser.Http.GetAsync("/api/me", Cancellation);
        using var progress = await browser.Http.GetAsync("/api/stores/store-sh001/progress", Cancellation);

        Assert.Equal("/account/denied", landed.AbsolutePath);
        Assert.False(browser.HasCookie(AccessSetup.CompanyCookieName));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, progress.StatusCode);
    }

    [Fact]
    public async Task The_session_outlives_Identitys_security_stamp_check()
    {
        // The fixture's command center re-validates Identity sign-ins on every request (interval zero).
        using var browser = new CompanyBrowser(chain.CommandCenter.BaseAddress);
        await browser.SignIn(CompanySignInFixture.StoreManager, "/", Cancellation);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(600), Cancellation);
            using var response = await browser.Http.GetAsync("/api/stores/store-sh001/progress", Cancellation);
            answers.Add(response.StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(browser.HasCookie(AccessSetup.CompanyCookieName));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = new CompanyBrowser(chain.CommandCenter.BaseAddress);
        await browser.SignIn(CompanySignInFixture.StoreManager, "/", Cancellation);
        using (var before = await browser.Http.GetAsync("/api/me", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var signedOut = await browser.SignOut(Cancellation);
        using var after = await browser.Http.GetAsync("/api/me", Cancellation);

        Assert.Equal("/account/login", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.False(browser.HasCookie(AccessSetup.CompanyCookieName));
    }

    private static string[] Strings(JsonElement viewer, string property) =>
        [.. viewer.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
