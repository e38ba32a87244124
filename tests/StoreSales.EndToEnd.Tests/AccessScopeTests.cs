using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Who sees what, checked on the server for every API endpoint and hub group: no sign-in, the wrong role and the
/// wrong scope are refused; each demo role gets exactly its region or store.
/// </summary>
public sealed class AccessScopeTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static readonly string[] EastStores = ["store-hz001", "store-sh001", "store-sh002"];
    private static readonly string[] AllStores = ["store-gz001", "store-hz001", "store-sh001", "store-sh002", "store-sz001", "store-xm001"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ReadEndpoints => new()
    {
        { "GET", "/api/stores" },
        { "GET", "/api/stores/store-sh001/progress" },
        { "GET", "/api/regions/region-east/progress" },
        { "GET", "/api/interventions" },
        { "GET", "/api/me" },
        { "POST", "/api/interventions/actions" },
        { "POST", "/api/stores/store-sh001/board-tokens" },
    };

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task Without_sign_in_every_endpoint_answers_401(string method, string path)
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { alertId = "x#1", action = "Acknowledge", label = "tv" });
        }

        using var response = await anonymous.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_sign_in_a_page_redirects_to_the_sign_in_form()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = chain.CommandCenter.BaseAddress };

        using var response = await anonymous.GetAsync("/stores/store-sh001", Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_sign_in_the_hub_refuses_the_connection()
    {
        await using var hub = chain.CommandCenter.CreateHubConnection();

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hub.StartAsync(Cancellation));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData(DemoLogins.Hq, "hq")]
    [InlineData(DemoLogins.Admin, "admin")]
    [InlineData(DemoLogins.EastManager, "east")]
    [InlineData(DemoLogins.EastSupervisor, "east")]
    [InlineData(DemoLogins.Sh001Manager, "sh001")]
    [InlineData(DemoLogins.Sh001Rep, "sh001")]
    public async Task Each_role_lists_exactly_the_stores_of_its_scope(string user, string scope)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        var stores = await http.GetFromJsonAsync<JsonElement>("/api/stores", Cancellation);

        string[] expected = scope switch
        {
            "east" => EastStores,
            "sh001" => ["store-sh001"],
            _ => AllStores,
        };
        Assert.Equal(expected, stores.EnumerateArray().Select(s => s.GetProperty("storeId").GetString()!).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Manager, "/api/stores/store-sh001/progress", HttpStatusCode.OK)]
    [InlineData(DemoLogins.Sh001Manager, "/api/stores/store-sh002/progress", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Manager, "/api/regions/region-east/progress", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Manager, "/api/interventions?regionId=region-east", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Rep, "/api/stores/store-gz001/progress", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.EastSupervisor, "/api/stores/store-sh002/progress", HttpStatusCode.OK)]
    [InlineData(DemoLogins.EastSupervisor, "/api/stores/store-gz001/progress", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.EastSupervisor, "/api/regions/region-south/progress", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.EastSupervisor, "/api/interventions?regionId=region-east", HttpStatusCode.OK)]
    [InlineData(DemoLogins.EastSupervisor, "/api/interventions?regionId=region-south", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.EastManager, "/api/regions/region-east/progress", HttpStatusCode.OK)]
    [InlineData(DemoLogins.Hq, "/api/regions/region-south/progress", HttpStatusCode.OK)]
    [InlineData(DemoLogins.Hq, "/api/stores/store-nowhere/progress", HttpStatusCode.NotFound)]
    public async Task A_url_outside_the_viewers_scope_is_refused(string user, string path, HttpStatusCode expected)
    {
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var response = await http.GetAsync(path, Cancellation);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Manager, "JoinStore", "store-sh002")]
    [InlineData(DemoLogins.Sh001Manager, "JoinRegion", "region-east")]
    [InlineData(DemoLogins.Sh001Manager, "JoinInterventions", "region-east")]
    [InlineData(DemoLogins.Sh001Rep, "JoinStore", "store-gz001")]
    [InlineData(DemoLogins.EastSupervisor, "JoinStore", "store-gz001")]
    [InlineData(DemoLogins.EastSupervisor, "JoinInterventions", "region-south")]
    [InlineData(DemoLogins.Admin, "JoinStore", "store-nowhere")]
    public async Task Joining_a_group_outside_the_scope_is_refused(string user, string method, string id)
    {
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(user);
        await hub.StartAsync(Cancellation);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(method, id, Cancellation));

        Assert.Matches("Not allowed|Unknown", refused.Message);
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Manager, "JoinStore", "store-sh001")]
    [InlineData(DemoLogins.Sh001Rep, "JoinStore", "store-sh001")]
    [InlineData(DemoLogins.EastSupervisor, "JoinInterventions", "region-east")]
    [InlineData(DemoLogins.EastManager, "JoinRegion", "region-east")]
    [InlineData(DemoLogins.Hq, "JoinRegion", "region-south")]
    public async Task Joining_a_group_inside_the_scope_is_accepted(string user, string method, string id)
    {
        await using var hub = await chain.CommandCenter.CreateSignedInHubConnection(user);
        await hub.StartAsync(Cancellation);

        await hub.InvokeAsync(method, id, Cancellation);
    }

    [Theory]
    [InlineData(DemoLogins.Admin, HttpStatusCode.Forbidden)]     // sees every alert, works none
    [InlineData(DemoLogins.Sh001Manager, HttpStatusCode.NotFound)] // another store's alert is not in their inbox: unknown to them
    [InlineData(DemoLogins.Sh001Rep, HttpStatusCode.NotFound)]
    public async Task Only_the_business_works_alerts(string user, HttpStatusCode expected)
    {
        var alert = await RaiseDayBehindAlert("store-hz001");
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var response = await http.PostAsJsonAsync("/api/interventions/actions", new { alertId = alert, action = "Acknowledge" }, Cancellation);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_board_token_shows_its_store_and_nothing_else()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var issued = await manager.PostAsJsonAsync("/api/stores/store-sh001/board-tokens", new { label = "till-side TV" }, Cancellation);
        using var otherStore = await manager.PostAsJsonAsync("/api/stores/store-sh002/board-tokens", new { label = "tv" }, Cancellation);
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        using var byRep = await rep.PostAsJsonAsync("/api/stores/store-sh001/board-tokens", new { label = "tv" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherStore.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("token").GetString()!;

        using var board = chain.CommandCenter.CreateClient();
        board.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var own = await board.GetAsync("/api/stores/store-sh001/progress", Cancellation);
        using var other = await board.GetAsync("/api/stores/store-sh002/progress", Cancellation);
        using var tokens = await board.PostAsJsonAsync("/api/stores/store-sh001/board-tokens", new { label = "x" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tokens.StatusCode);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(chain.CommandCenter.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync(Cancellation);
        await hub.InvokeAsync<JsonElement>("JoinStore", "store-sh001", Cancellation);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("JoinStore", "store-sh002", Cancellation));
    }

    [Fact]
    public async Task A_board_token_signs_a_TV_into_its_kiosk_page_and_a_bad_one_is_refused()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var issued = await manager.PostAsJsonAsync("/api/stores/store-sh001/board-tokens", new { label = "tv" }, Cancellation);
        var path = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("signInPath").GetString()!;
        using var tv = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = chain.CommandCenter.BaseAddress };

        using var signedIn = await tv.GetAsync(path, Cancellation);
        using var bad = await tv.GetAsync("/board/sign-in?token=ssb_not-a-token", Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/stores/store-sh001/kiosk", signedIn.Headers.Location!.OriginalString);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".StoreSales.Board=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        await using (var scope = chain.CommandCenter.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.CreateAsync(new IdentityUser("lockout.probe"), DemoLogins.Password);
        }

        using var http = chain.CommandCenter.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await http.PostAsJsonAsync("/api/account/sign-in", new { userName = "lockout.probe", password = "wrong" }, Cancellation);
            answers.Add(wrong.StatusCode);
        }

        using var right = await http.PostAsJsonAsync("/api/account/sign-in", new { userName = "lockout.probe", password = DemoLogins.Password }, Cancellation);

        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(Cancellation), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_sign_in_on_one_command_center_is_honoured_by_another_on_the_same_database()
    {
        await using var second = await CommandCenterUnderTest.Start(chain.Database, chain.ClusterId);
        var cookies = new System.Net.CookieContainer();
        using var first = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = chain.CommandCenter.BaseAddress };
        using var signedIn = await first.PostAsJsonAsync("/api/account/sign-in", new { userName = DemoLogins.EastManager, password = DemoLogins.Password }, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);

        // The same cookie, presented to the other node (as a load balancer would send it there).
        using var other = new HttpClient { BaseAddress = second.BaseAddress };
        other.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(chain.CommandCenter.BaseAddress));
        var me = await other.GetFromJsonAsync<JsonElement>("/api/me", Cancellation);

        Assert.Equal(DemoLogins.EastManager, me.GetProperty("name").GetString());
        Assert.Equal(["region-east"], me.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToArray());
        // On one machine nodes could share a key file; across machines it is the database that holds the key ring.
        Assert.True(await chain.Database.Count("SELECT count(*) FROM \"DataProtectionKeys\"") >= 1);
    }

    private async Task<string> RaiseDayBehindAlert(string storeId)
    {
        var grain = chain.Silo.Grains().GetGrain<StoreSales.Abstractions.Interventions.IInterventionGrain>(
            StoreSales.Abstractions.Interventions.InterventionConditions.GrainKey(storeId, StoreSales.Abstractions.Interventions.InterventionConditions.DayBehind));
        var alert = await grain.Raise(
            new StoreSales.Abstractions.Interventions.InterventionSubject("store", storeId, storeId, "region-east"),
            new StoreSales.Abstractions.Interventions.InterventionEvidence("behind", 1m, 2m, -0.5m, DateTimeOffset.UtcNow),
            "high",
            "supervisor:region-east");
        return alert.AlertId;
    }
}
