using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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

    /// <summary>
    /// Starts it on a free port; <paramref name="settings"/> override the test defaults and <paramref name="services"/>
    /// adjusts the host's services (for a test that needs, say, a sign-in provider or a shorter interval).
    /// </summary>
    public static async Task<CommandCenterUnderTest> Start(
        TestDatabase database,
        string clusterId,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var app = CommandCenterApp.Build([], builder =>
        {
            builder.Configuration.UseOwnAppSettings(HostSettingsFile.CommandCenter);
            builder.Configuration.AddInMemoryCollection(DoorLimits.Lifted.Select(l => KeyValuePair.Create(l.Key, (string?)l.Value)));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:StoreSales"] = database.ConnectionString,
                ["Orleans:ClusterId"] = clusterId,
                ["Live:ResubscribeInterval"] = "00:00:02",
                ["Demo:SeedStaff"] = "true",
                ["Demo:StaffStore"] = "store-sh001",
                ["Quotes:VerificationKey"] = "test-quote-verification-key-0123456789abcdef",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Orleans"] = "Error",
                ["Logging:LogLevel:Polly"] = "Error",
                ["Logging:LogLevel:StoreSales.Ingest"] = "Error",
                // In-process, the host's application is the test assembly, so the static web assets manifest would be
                // looked for under the test's name and not found: blazor.web.js would then be served empty and no page
                // would ever become interactive. Name the command center's own manifest instead.
                [WebHostDefaults.StaticWebAssetsKey] = Path.Combine(AppContext.BaseDirectory, "StoreSales.CommandCenter.staticwebassets.runtime.json"),
            });
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            services?.Invoke(builder.Services);
            // Port 0: the system gives a free port as Kestrel binds, so no other process can take it in between (a port
            // checked free first was bound by another test process before this host did: "address already in use", CI
            // 2026-12-07). The address bound is read back once started.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        return new CommandCenterUnderTest(app, new Uri(app.Urls.Single()));
    }

    /// <summary>Clients of this command center: plain, signed in as demo staff, SignalR.</summary>
    public CommandCenterClient Client => new(BaseAddress);

    /// <summary>A client with no sign-in: every API answers it 401.</summary>
    public HttpClient CreateClient() => Client.CreateClient();

    /// <summary>A client signed in as one of the demo staff (<see cref="DemoLogins"/>), its cookie kept.</summary>
    public Task<HttpClient> CreateSignedInClient(string userName) => Client.CreateSignedInClient(userName);

    /// <summary>A real SignalR client on <c>/hubs/live</c> carrying the sign-in cookie of a demo staff member.</summary>
    public Task<HubConnection> CreateSignedInHubConnection(string userName) => Client.CreateSignedInHubConnection(userName);

    /// <summary>A real SignalR client on <c>/hubs/live</c>, with enums as strings like the browser sees them.</summary>
    public HubConnection CreateHubConnection() => Client.CreateHubConnection();

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
