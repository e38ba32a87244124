using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// A store's TV boards managed over the API: listed without their secret and revoked by id, by whoever may issue
/// them; a revoked token signs no TV in, and a TV already signed in is turned away at its next recheck.
/// </summary>
public sealed class BoardTokenManagementTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/api/stores/store-sh001/board-tokens")]
    [InlineData("DELETE", "/api/stores/store-sh001/board-tokens/0123456789ab")]
    public async Task Without_sign_in_the_token_endpoints_answer_401(string method, string path)
    {
        using var anonymous = chain.CommandCenter.CreateClient();

        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Rep, "store-sh001", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.EastSupervisor, "store-sh001", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Hq, "store-sh001", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Manager, "store-sh002", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Manager, "store-nowhere", HttpStatusCode.NotFound)]
    [InlineData(DemoLogins.Sh001Manager, "store-sh001", HttpStatusCode.OK)]
    [InlineData(DemoLogins.EastManager, "store-sh002", HttpStatusCode.OK)]
    [InlineData(DemoLogins.Admin, "store-gz001", HttpStatusCode.OK)]
    public async Task Only_who_may_issue_a_stores_tokens_lists_them(string user, string storeId, HttpStatusCode expected)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var list = await http.GetAsync($"/api/stores/{storeId}/board-tokens", Cancellation);
        using var revoke = await http.DeleteAsync($"/api/stores/{storeId}/board-tokens/0123456789ab", Cancellation);

        Assert.Equal(expected, list.StatusCode);
        // Allowed, the made-up id is unknown; refused, the refusal comes first and says why.
        Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.NotFound : expected, revoke.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", revoke.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_store_manager_lists_the_stores_tokens_without_their_secret_and_revokes_one()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var issued = await Issue(manager, "checkout TV");

        var listed = await FindListed(manager, issued.TokenId);
        using var revoked = await manager.DeleteAsync($"/api/stores/store-sh001/board-tokens/{issued.TokenId}", Cancellation);
        var afterwards = await FindListed(manager, issued.TokenId);
        using var otherStore = await (await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastManager))
            .DeleteAsync($"/api/stores/store-sh002/board-tokens/{issued.TokenId}", Cancellation);

        Assert.Equal("checkout TV", listed.GetProperty("label").GetString());
        Assert.Equal(DemoLogins.Sh001Manager, listed.GetProperty("issuedBy").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
        Assert.DoesNotContain(issued.Token, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, afterwards.GetProperty("revokedAt").ValueKind);
        // A token id from another store is unknown there.
        Assert.Equal(HttpStatusCode.NotFound, otherStore.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_signs_no_TV_in_and_a_TV_signed_in_before_is_refused_after_the_recheck()
    {
        await using var node = await CommandCenterUnderTest.Start(chain.Database, chain.ClusterId, new Dictionary<string, string?>
        {
            ["Access:BoardTokenRecheck"] = "00:00:01",
        });
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var issued = await Issue(manager, "back office TV");
        var cookies = new CookieContainer();
        using var tv = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        using var signedIn = await tv.GetAsync(issued.SignInPath, Cancellation);
        using var before = await tv.GetAsync("/api/stores/store-sh001/progress", Cancellation);

        using var revoked = await manager.DeleteAsync($"/api/stores/store-sh001/board-tokens/{issued.TokenId}", Cancellation);
        // The board cookie is rechecked every Access:BoardTokenRecheck (1 s here): ask until the recheck has run.
        var after = await Eventually.Until(
            async () => (await tv.GetAsync("/api/stores/store-sh001/progress", Cancellation)).StatusCode,
            status => status == HttpStatusCode.Unauthorized);
        using var again = await tv.GetAsync(issued.SignInPath, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once_as_a_bearer_token_and_by_the_next_hub_connection()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var issued = await Issue(manager, "app");
        using var board = chain.CommandCenter.CreateClient();
        board.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued.Token);
        using var before = await board.GetAsync("/api/stores/store-sh001/progress", Cancellation);
        await using (var hubBefore = BoardHub(issued.Token))
        {
            await hubBefore.StartAsync(Cancellation);
        }

        using var revoked = await manager.DeleteAsync($"/api/stores/store-sh001/board-tokens/{issued.TokenId}", Cancellation);
        using var after = await board.GetAsync("/api/stores/store-sh001/progress", Cancellation);
        await using var hubAfter = BoardHub(issued.Token);
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hubAfter.StartAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        // The hub looks the token up on every connection (?access_token=, as browsers send it on WebSockets).
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private HubConnection BoardHub(string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(chain.CommandCenter.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

    private sealed record Issued(string TokenId, string Token, string SignInPath);

    private static async Task<Issued> Issue(HttpClient manager, string label)
    {
        using var response = await manager.PostAsJsonAsync("/api/stores/store-sh001/board-tokens", new { label }, Cancellation);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Issued>(Cancellation))!;
    }

    private static async Task<JsonElement> FindListed(HttpClient manager, string tokenId)
    {
        var list = await manager.GetFromJsonAsync<JsonElement>("/api/stores/store-sh001/board-tokens", Cancellation);
        return Assert.Single(list.EnumerateArray(), t => t.GetProperty("tokenId").GetString() == tokenId);
    }
}
