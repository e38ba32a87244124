using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StoreSales.Contracts.Ingest;
using StoreSales.Silo;

namespace StoreSales.Testing;

/// <summary>The real silo host (Orleans on PostgreSQL + ingest API), started in-process on free ports.</summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SiloUnderTest(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="services">Registrations made before the silo's own, which keep theirs where the silo only tries to add
    /// (the sales-force clock: a test's FakeTimeProvider).</param>
    public static async Task<SiloUnderTest> Start(
        TestDatabase database, string clusterId, IDictionary<string, string?>? settings = null, int? httpPort = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:StoreSales"] = database.ConnectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:SiloPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Live:PublishInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            ["Logging:LogLevel:Polly"] = "Error",
            ["Logging:LogLevel:StoreSales.Ingest"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = await SiloApp.Build([], builder =>
        {
            builder.Configuration.UseOwnAppSettings(HostSettingsFile.Silo);
            builder.Configuration.AddInMemoryCollection(config);
            // Without a port of the test's choosing, port 0: bound as the system gives it, so no other process can take
            // it in between (as CommandCenterUnderTest). The address bound is read back once started.
            builder.WebHost.UseUrls($"http://127.0.0.1:{httpPort ?? 0}");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new SiloUnderTest(app, new Uri(app.Urls.Single()));
    }

    public HttpClient CreateClient(string? storeKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (storeKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Store-Key", storeKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

public static class SiloUnderTestExtensions
{
    /// <summary>The silo's own grain factory, to read live state as the grains hold it.</summary>
    public static IGrainFactory Grains(this SiloUnderTest silo) =>
        (IGrainFactory)silo.Services.GetService(typeof(IGrainFactory))!;

    /// <summary>
    /// Posts one batch through the real ingest API, authenticated with the store's key as its edge agent would be,
    /// and returns the ack: every sale in it is then durable and applied to the store's live figures.
    /// </summary>
    public static async Task<BatchAck> PostSales(this SiloUnderTest silo, string storeId, string storeKey, IReadOnlyList<SaleRecord> sales, CancellationToken cancellationToken)
    {
        using var agent = silo.CreateClient(storeKey);
        var batch = new SaleBatch { BatchId = $"test-{Guid.NewGuid():N}", Sales = sales };
        using var response = await agent.PostAsJsonAsync($"/api/stores/{storeId}/sales/batches", batch, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<BatchAck>(cancellationToken)
            ?? throw new InvalidOperationException("The ingest API answered with an empty body.");
    }
}
