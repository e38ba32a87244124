using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Api;
using StoreSales.Data;
using StoreSales.Data.HotItems;
using StoreSales.Domain.HotItems;
using StoreSales.Testing;
using static StoreSales.Integration.Tests.HotItemHeatmapFixture;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The hot-item endpoints on a small host of their own (the command center wires them with its authorization),
/// over the known sales of <see cref="HotItemHeatmapFixture"/>, with the clock standing at <see cref="HotItemHeatmapFixture.At"/>.
/// </summary>
public sealed class HotItemApiFixture : IAsyncLifetime
{
    private WebApplication _app = null!;

    public HotItemHeatmapFixture Sales { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Sales.InitializeAsync();
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddStoreSalesData(Sales.Database.ConnectionString);
        builder.Services.AddSingleton<TimeProvider>(new ManualClock(At));
        builder.Services.AddProblemDetails();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = builder.Build();
        _app.MapHotItemApi();
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Sales.DisposeAsync();
    }
}

public sealed class HotItemApiTests(HotItemApiFixture fixture) : IClassFixture<HotItemApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Heatmap_defaults_to_the_last_hour_by_lift()
    {
        var heatmap = await fixture.Client.GetFromJsonAsync<HotItemHeatmap>("/api/hot-items/heatmap", Cancel);

        Assert.Equal(("1h", "lift"), (heatmap!.Window, heatmap.Metric));
        Assert.Equal([Cola, Tea, Milk], heatmap.Items.Select(i => i.ItemCode));
        Assert.Equal(7, heatmap.Stores.Count);
    }

    [Fact]
    public async Task Heatmap_of_a_region_today_by_units()
    {
        var heatmap = await fixture.Client.GetFromJsonAsync<HotItemHeatmap>("/api/hot-items/heatmap?window=today&regionId=region-east&metric=units", Cancel);

        Assert.Equal(("today", "units", "region-east"), (heatmap!.Window, heatmap.Metric, heatmap.RegionId));
        Assert.Equal([(Tea, 117m), (Cola, 2m)], heatmap.Items.Select(i => (i.ItemCode, i.Units)));
    }

    [Theory]
    [InlineData("/api/hot-items/heatmap?window=2h", "window")]
    [InlineData("/api/hot-items/heatmap?metric=hottest", "metric")]
    [InlineData("/api/hot-items/6920433218190/top-stores?window=week", "window")]
    [InlineData("/api/stores/store-sh001/hot-items/6920433218190/sales?window=", "window")]
    public async Task An_unknown_window_or_metric_is_a_400_naming_the_parameter(string path, string parameter)
    {
        var response = await fixture.Client.GetAsync(path, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.Contains(parameter == "window" ? "15m, 1h, today" : "lift, units", messages[0].GetString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/hot-items/heatmap?regionId=region-nowhere")]
    [InlineData("/api/stores/store-nowhere/hot-items/6920433218190/sales")]
    public async Task An_unknown_region_or_store_is_a_404(string path)
    {
        var response = await fixture.Client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Drill_down_reaches_the_sale()
    {
        var top = await fixture.Client.GetFromJsonAsync<ItemTopStores>($"/api/hot-items/{Cola}/top-stores?window=1h", Cancel);
        var store = top!.Stores[0].StoreId;
        var sales = await fixture.Client.GetFromJsonAsync<CellSales>($"/api/stores/{store}/hot-items/{Cola}/sales?window=1h", Cancel);

        Assert.Equal("store-gz001", store);
        Assert.Equal([("T01", 1L, 5m, 20.00m)], sales!.Sales.Select(s => (s.TerminalId, s.Sequence, s.ItemUnits, s.Total)));
    }
}

public sealed class HotItemSettingsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
        services.AddStoreSalesData("Host=127.0.0.1;Database=unused");
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Both_hosts_read_the_rule_and_the_heatmap_settings_from_HotItems()
    {
        using var services = Services(("HotItems:PriorUnits", "5"), ("HotItems:UsualWeeks", "6"), ("HotItems:Heatmap:TopItems", "7"), ("HotItems:Heatmap:CacheFor", "00:00:05"));

        var rule = services.GetRequiredService<IOptions<HotItemOptions>>().Value;
        var heatmap = services.GetRequiredService<IOptions<HotItemHeatmapOptions>>().Value;

        Assert.Equal((5m, 6, 3m, 1.5m), (rule.PriorUnits, rule.UsualWeeks, rule.MinimumUnits, rule.HotLift));
        Assert.Equal((7, TimeSpan.FromSeconds(5), 10, 50), (heatmap.TopItems, heatmap.CacheFor, heatmap.TopStores, heatmap.CellSalesLimit));
    }

    [Fact]
    public void A_prior_of_zero_is_refused()
    {
        using var services = Services(("HotItems:PriorUnits", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HotItemOptions>>().Value);
        Assert.Contains("HotItems", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HotItems:Heatmap:UsualReadAhead", "00:15:00")]
    [InlineData("HotItems:Heatmap:UsualReadAhead", "-00:00:01")]
    [InlineData("HotItems:Heatmap:ReadWorkMemMegabytes", "2")]
    public void A_read_ahead_outside_a_quarter_hour_or_a_work_mem_under_4_MB_is_refused(string key, string value)
    {
        using var services = Services((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HotItemHeatmapOptions>>().Value);
        Assert.Contains("HotItems:Heatmap", error.Message, StringComparison.Ordinal);
    }
}
