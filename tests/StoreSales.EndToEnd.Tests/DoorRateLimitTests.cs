using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The command center's anonymous doors are limited per client address (issue 12), set low here: sign-in attempts
/// (password and board token together) and new live-hub connections. The one over the allowance is answered 429 with
/// Retry-After and problem details naming the key, and counted in <c>/metrics</c>; another address keeps its own
/// allowance. The clients are real HTTP and SignalR clients, each test on loopback addresses of its own (the whole of
/// 127.0.0.0/8 reaches the host), so that the tests do not share an allowance.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class DoorRateLimitTests(DoorRateLimitTests.LimitedDoors chain) : IClassFixture<DoorRateLimitTests.LimitedDoors>
{
    private const int SignIns = 3;
    private const int HubConnections = 2;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_address_over_its_sign_in_allowance_waits_and_another_address_signs_in()
    {
        using var guesser = From("127.0.0.3", new CookieContainer());
        for (var i = 0; i < SignIns - 1; i++)
        {
            using var wrong = await guesser.PostAsJsonAsync("/api/account/sign-in", new { userName = $"nobody-{i}", password = "guess" }, Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var unknownBoard = await guesser.GetAsync("/board/sign-in?token=guessed", Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownBoard.StatusCode);
        using var refused = await guesser.PostAsJsonAsync("/api/account/sign-in", new { userName = DemoLogins.Hq, password = DemoLogins.Password }, Cancellation);
        using var refusedBoard = await guesser.GetAsync("/board/sign-in?token=guessed-again", Cancellation);

        using var colleague = From("127.0.0.4", new CookieContainer());
        using var signedIn = await colleague.PostAsJsonAsync("/api/account/sign-in", new { userName = DemoLogins.Hq, password = DemoLogins.Password }, Cancellation);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("Limits:SignInsPerAddress", problem.GetProperty("limit").GetString());
        Assert.Contains("address 127.0.0.3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedBoard.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        await Counted("Limits:SignInsPerAddress", 2);
    }

    [Fact]
    public async Task Behind_the_gateway_each_browser_is_counted_under_its_own_forwarded_address()
    {
        // As the gateway on this machine forwards them: one connection from loopback, the browser's address in X-Forwarded-For.
        using var gateway = From("127.0.0.7", new CookieContainer());
        HttpStatusCode last = 0;
        for (var i = 0; i <= SignIns; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/board/sign-in?token=guessed");
            request.Headers.Add("X-Forwarded-For", "203.0.113.10");
            using var answer = await gateway.SendAsync(request, Cancellation);
            last = answer.StatusCode;
            if (last == HttpStatusCode.TooManyRequests)
            {
                var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
                Assert.Contains("address 203.0.113.10", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        using var another = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in") { Content = JsonContent.Create(new { userName = DemoLogins.Hq, password = DemoLogins.Password }) };
        another.Headers.Add("X-Forwarded-For", "203.0.113.11");
        using var anotherBrowser = await gateway.SendAsync(another, Cancellation);

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        Assert.Equal(HttpStatusCode.NoContent, anotherBrowser.StatusCode);
    }

    [Fact]
    public async Task A_client_that_is_not_a_trusted_proxy_is_counted_under_its_own_address_whatever_it_forwards()
    {
        // 127.0.0.8 is on this machine but not in ForwardedHeaders:TrustedProxies here: a new X-Forwarded-For on every
        // attempt must not buy it a new allowance.
        using var pretender = From("127.0.0.8", new CookieContainer());
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= SignIns; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/board/sign-in?token=guessed");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            answers.Add(await pretender.SendAsync(request, Cancellation));
        }

        var last = answers[^1];
        Assert.All(answers[..^1], a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        var problem = await last.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Contains("address 127.0.0.8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task An_address_over_its_hub_connection_allowance_waits_and_open_connections_keep_working()
    {
        var cookies = new CookieContainer();
        using (var signIn = From("127.0.0.5", cookies))
        {
            using var signedIn = await signIn.PostAsJsonAsync("/api/account/sign-in", new { userName = DemoLogins.Hq, password = DemoLogins.Password }, Cancellation);
            Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        }

        // Long polling: every poll of an open connection is a request of its own, and none of them is a new connection.
        var open = new List<HubConnection>();
        for (var i = 0; i < HubConnections; i++)
        {
            var hub = Hub("127.0.0.5", cookies);
            await hub.StartAsync(Cancellation);
            open.Add(hub);
        }

        await using var third = Hub("127.0.0.5", cookies);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => third.StartAsync(Cancellation));
        foreach (var hub in open)
        {
            await hub.InvokeAsync("JoinStore", "store-sh001", Cancellation);
        }

        using var anonymous = From("127.0.0.5", new CookieContainer());
        using var negotiate = await anonymous.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, Cancellation);
        using var otherAddress = From("127.0.0.6", new CookieContainer());
        using var otherNegotiate = await otherAddress.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null, Cancellation);

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, negotiate.StatusCode);
        Assert.True(negotiate.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, otherNegotiate.StatusCode);
        Assert.All(open, hub => Assert.Equal(HubConnectionState.Connected, hub.State));
        await Counted("Limits:HubConnectionsPerAddress", 2);
        foreach (var hub in open)
        {
            await hub.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until <c>/metrics</c> shows at least <paramref name="refusals"/> 429s under <paramref name="limit"/>: the exporter
    /// serves a scrape from a short cache, so the first read after the refusals may predate them.
    /// </summary>
    private Task Counted(string limit, int refusals) =>
        Eventually.Holds(
            async () => (await ScrapedMetrics.Read(chain.CommandCenter.BaseAddress, Cancellation))
                .Sum("storesales_requests_limited_total", ("limit", limit), ("status", "429")) >= refusals,
            $"/metrics counts {refusals} refusals under {limit}",
            TimeSpan.FromSeconds(30),
            Cancellation);

    private HttpClient From(string localAddress, CookieContainer cookies) =>
        new(Handler(localAddress, cookies)) { BaseAddress = chain.CommandCenter.BaseAddress };

    private HubConnection Hub(string localAddress, CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(chain.CommandCenter.BaseAddress, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Handler(localAddress, cookies);
            })
            .Build();

    /// <summary>Connects from <paramref name="localAddress"/>, so the command center sees that client address.</summary>
    private static SocketsHttpHandler Handler(string localAddress, CookieContainer cookies) => new()
    {
        CookieContainer = cookies,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// The demo chain with a command center allowing an address 3 sign-ins and 2 hub connections a minute, and trusting
    /// one proxy's X-Forwarded-For.
    /// </summary>
    public sealed class LimitedDoors : ChainFixture
    {
        protected override Task<CommandCenterUnderTest> StartCommandCenter() =>
            CommandCenterUnderTest.Start(Database, ClusterId, new Dictionary<string, string?>
            {
                ["Limits:SignInsPerAddress"] = SignIns.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Limits:SignInWindow"] = "00:01:00",
                ["Limits:HubConnectionsPerAddress"] = HubConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Limits:HubConnectionWindow"] = "00:01:00",
                // The gateway of these tests (127.0.0.7) alone may forward a browser's address.
                ["ForwardedHeaders:TrustedProxies:0"] = "127.0.0.7",
            });
    }
}
