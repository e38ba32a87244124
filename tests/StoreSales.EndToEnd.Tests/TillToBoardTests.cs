using System.IO.Ports;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.Edge;
using StoreSales.Edge.Outbox;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The whole path with every real part: bytes on a pseudo-terminal → edge agent (serial reader, sale assembly,
/// SQLite outbox, Polly uploader) → ingest API → PostgreSQL ledger → store grain → command center → a .NET
/// SignalR client, which must see the store's ProgressUpdated with the new actual.
/// </summary>
public sealed class TillToBoardTests
{
    private const string StoreId = "store-xm001";

    [Fact]
    public async Task A_sale_rung_up_at_a_till_reaches_a_board_subscriber()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("e2e");
        var clusterId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloUnderTest.Start(database, clusterId);
        await using var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);

        await using var hub = await commandCenter.CreateSignedInHubConnection(DemoLogins.Hq);
        var updates = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("ProgressUpdated", progress => updates.Writer.TryWrite(progress));
        await hub.StartAsync(cancellation);
        var snapshot = await hub.InvokeAsync<JsonElement>("JoinStore", StoreId, cancellation);
        var before = snapshot.GetProperty("day").GetProperty("actual").GetDecimal();

        using var directory = new TempDirectory();
        await using var till = await SocatPair.StartAsync(directory.Path, "till", cancellation);
        using var agent = EdgeAgentHost.Build(new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = StoreId,
            ["Agent:ServerUrl"] = silo.BaseAddress.ToString(),
            ["Agent:StoreKey"] = "demo-key-store-xm001",
            ["Agent:OutboxPath"] = directory.File("outbox.db"),
            ["Terminals:0:TerminalId"] = "T01",
            ["Terminals:0:TillPort"] = till.AgentEnd,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await agent.StartAsync(cancellation);

        using (var device = new SerialPort(till.DeviceEnd, 9600))
        {
            device.Open();
            var now = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            var receipt = $"S|sale|R0001|{now}|C07||\nL|6920433218190|2|3.50|0|7.00\nL|6970013389086|1|4.00|0|4.00\nT|11.00|wechat:11.00\n";
            var bytes = Encoding.UTF8.GetBytes(receipt);
            device.Write(bytes, 0, bytes.Length);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        decimal actual;
        do
        {
            var update = await updates.Reader.ReadAsync(timeout.Token);
            actual = update.GetProperty("day").GetProperty("actual").GetDecimal();
        }
        while (actual != before + 11.00m);

        Assert.Equal(before + 11.00m, actual);
        Assert.Equal(1, await database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND terminal_id = 'T01'", new { StoreId }));
        Assert.Equal(2, await database.Count("SELECT count(*) FROM sale_line WHERE store_id = @StoreId AND terminal_id = 'T01'", new { StoreId }));
        // The read API serves the same snapshot the hub pushed, and lists the store with its region and status.
        using var http = await commandCenter.CreateSignedInClient(DemoLogins.Hq);
        var progress = await http.GetFromJsonAsync<JsonElement>($"/api/stores/{StoreId}/progress", cancellation);
        Assert.Equal(actual, progress.GetProperty("day").GetProperty("actual").GetDecimal());
        Assert.Equal("6920433218190", progress.GetProperty("hotItems")[0].GetProperty("itemCode").GetString());
        var stores = await http.GetFromJsonAsync<JsonElement>("/api/stores", cancellation);
        var listed = stores.EnumerateArray().Single(s => s.GetProperty("storeId").GetString() == StoreId);
        Assert.Equal("region-south", listed.GetProperty("regionId").GetString());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("dayStatus").GetString()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/api/stores/store-nowhere/progress", cancellation)).StatusCode);
        var openApi = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json", cancellation);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/stores/{storeId}/progress", out _));

        var outbox = agent.Services.GetRequiredService<SqliteOutbox>();
        await Eventually.Holds(() => outbox.Queue.Depth == 0, "the agent's outbox is empty", cancellationToken: cancellation);

        await agent.StopAsync(cancellation);
    }
}
