using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoreSales.CommandCenter;

namespace StoreSales.Testing;

/// <summary>The real command center (Blazor Server, SignalR hub, read APIs), an Orleans client of the test silo.</summary>
public sealed class CommandCenterUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private CommandCenterUnderTest(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Configuration on top of the test defaults (e.g. a short <c>Access:BoardTokenRecheck</c>).</param>
    public static async Task<CommandCenterUnderTest> Start(TestDatabase database, string clusterId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var httpPort = FreeTcpPort.Next();
        var app = CommandCenterApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:StoreSales"] = database.ConnectionString,
                ["Orleans:ClusterId"] = clusterId,
                ["Live:ResubscribeInterval"] = "00:00:02",
                ["Demo:SeedStaff"] = "true",
                ["Demo:StaffStore"] = "store-sh001",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Orleans"] = "Error",
                ["Logging:LogLevel:Polly"] = "Error",
                ["Logging:LogLevel:StoreSales.Ingest"] = "Error",
                // In-process, the host's application is the test assembly, so the static web assets manifest would be
                // looked for under the test's name and not found: blazor.web.js would then be served empty and no page
                // would ever become interactive. Name the command center's own manifest instead.
                [WebHostDefaults.StaticWebAssetsKey] = Path.Combine(AppContext.BaseDirectory, "StoreSales.CommandCenter.staticwebassets.runtime.json"),
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            builder.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        return new CommandCenterUnderTest(app, new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>A client with no sign-in: every API answers it 401.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A client signed in as one of the demo staff (<see cref="DemoLogins"/>), its cookie kept.</summary>
    public async Task<HttpClient> CreateSignedInClient(string userName)
    {
        var (client, _) = await SignIn(userName);
        return client;
    }

    /// <summary>A real SignalR client on <c>/hubs/live</c> carrying the sign-in cookie of a demo staff member.</summary>
    public async Task<HubConnection> CreateSignedInHubConnection(string userName)
    {
        var (client, cookies) = await SignIn(userName);
        client.Dispose();
        return new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/live"), o => o.Cookies = cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
    }

    private async Task<(HttpClient Client, System.Net.CookieContainer Cookies)> SignIn(string userName)
    {
        var cookies = new System.Net.CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/account/sign-in", new { userName, password = DemoLogins.Password });
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as '{userName}' failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (client, cookies);
    }

    /// <summary>A real SignalR client on <c>/hubs/live</c>, with enums as strings like the browser sees them.</summary>
    public HubConnection CreateHubConnection() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/live"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();

    /// <summary>
    /// Stops the host, cutting whatever connections are still open after <paramref name="grace"/>: as when the
    /// server goes away under an open page. A browser's Blazor circuit never closes by itself, so a graceful stop
    /// with a page open waits the whole grace period.
    /// </summary>
    public async Task Stop(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(grace);
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await Stop(TimeSpan.FromSeconds(20));
}
