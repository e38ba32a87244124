using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.Edge;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Simulator;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Day-end reconciliation with every real part: the simulator rings up a day on pseudo-terminals and closes it with its
/// Z → the edge agent (till line or printed receipt, SQLite outbox, the upload loops) → the silo's ingest and Z-report
/// API → PostgreSQL → the command center's reconciliation API.
/// </summary>
public sealed class DayEndReconciliationTests
{
    private const string StoreId = "store-xm001";
    private const string StoreKey = "demo-key-store-xm001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The simulator's till prints its times on this machine's clock, as a real till prints its store's: the store is
    /// put in this machine's time zone, so the till's business day and the store's are the same day at any hour.
    /// </summary>
    private static async Task<TestDatabase> Database()
    {
        var database = await TestDatabase.Create("e2e-dayend");
        await using var command = database.DataSource.CreateCommand("UPDATE store SET time_zone = $1 WHERE store_id = $2");
        command.Parameters.AddWithValue(TimeZoneInfo.Local.HasIanaId ? TimeZoneInfo.Local.Id : "UTC");
        command.Parameters.AddWithValue(StoreId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        return database;
    }

    private static async Task<string> Catalog(TempDirectory directory)
    {
        var path = directory.File("items.csv");
        await File.WriteAllTextAsync(path, "gtin,name,unit_price\n6920433218190,Jasmine tea,3.50\n6970013389086,Cola,4.00\n", Ct);
        return path;
    }

    private static IHost Agent(TempDirectory directory, string serverUrl, string terminalSetting, string port, string? profile = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = StoreId,
            ["Agent:ServerUrl"] = serverUrl,
            ["Agent:StoreKey"] = StoreKey,
            ["Agent:OutboxPath"] = directory.File("outbox.db"),
            ["Upload:RetryDelay"] = "00:00:00.050",
            ["Upload:MaxRetryDelay"] = "00:00:01",
            ["Terminals:0:TerminalId"] = "T01",
            [$"Terminals:0:{terminalSetting}"] = port,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (profile is not null)
        {
            settings["Terminals:0:Receipt:Profile"] = profile;
        }

        return EdgeAgentHost.Build(settings);
    }

    private static async Task Simulate(params string[] args)
    {
        var output = new StringWriter();
        var exit = await SimulatorApp.RunAsync(args, output, output, Ct);
        Assert.True(exit == 0, output.ToString());
    }

    private static async Task<JsonElement> Terminal(CommandCenterUnderTest commandCenter, DateOnly day)
    {
        using var http = await commandCenter.CreateSignedInClient(DemoLogins.Hq);
        var days = await http.GetFromJsonAsync<JsonElement>($"/api/stores/{StoreId}/reconciliation?day={day:yyyy-MM-dd}", Ct);
        return days[0].GetProperty("terminals").EnumerateArray().Single(t => t.GetProperty("terminalId").GetString() == "T01");
    }

    private static string Verdict(JsonElement terminal) => terminal.GetProperty("verdict").GetString()!.ToLowerInvariant();

    [Fact]
    public async Task A_day_of_sales_and_its_printed_Z_reconcile_equal()
    {
        await using var database = await Database();
        var clusterId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloUnderTest.Start(database, clusterId);
        await using var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);
        using var directory = new TempDirectory();
        await using var till = await SocatPair.StartAsync(directory.Path, "till", Ct);     // the simulator needs a till port; this agent reads receipts only
        await using var printer = await SocatPair.StartAsync(directory.Path, "receipt", Ct);
        using var agent = Agent(directory, silo.BaseAddress.ToString(), "ReceiptPort", printer.AgentEnd, profile: "simulator");
        await agent.StartAsync(Ct);
        var outbox = agent.Services.GetRequiredService<SqliteOutbox>();

        await Simulate("--catalog", await Catalog(directory), "--terminal", $"T01={till.DeviceEnd}", "--receipt-printer", printer.DeviceEnd,
            "--sales-per-minute", "600", "--count", "4", "--seed", "3", "--z-report");

        // The Z goes up behind the day's sales and leaves the outbox once the silo has it.
        await Eventually.Holds(
            async () => outbox.Queue.Depth == 0 && outbox.DayEnd.ReadAll().Count == 0
                && await database.Count("SELECT count(*) FROM z_report WHERE store_id = @StoreId", new { StoreId }) == 1,
            "the day's sales and its Z at the silo",
            cancellationToken: Ct);
        var day = DateOnly.FromDateTime(await Scalar<DateTime>(database, "SELECT business_day::timestamp FROM z_report WHERE store_id = @StoreId"));
        var terminal = await Terminal(commandCenter, day);

        Assert.Equal("equal", Verdict(terminal));
        Assert.Equal(4, terminal.GetProperty("z").GetProperty("count").GetInt32());
        Assert.Equal(terminal.GetProperty("z").GetProperty("gross").GetDecimal(), terminal.GetProperty("ledger").GetProperty("gross").GetDecimal());
        Assert.Empty(terminal.GetProperty("items").EnumerateArray());
        await agent.StopAsync(Ct);
    }

    [Fact]
    public async Task A_day_with_a_sale_missing_and_a_sale_after_the_Z_names_both()
    {
        await using var database = await Database();
        var clusterId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloUnderTest.Start(database, clusterId);
        await using var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);
        using var directory = new TempDirectory();
        await using var till = await SocatPair.StartAsync(directory.Path, "till", Ct);
        var catalog = await Catalog(directory);

        // Offline first (nothing listens on the discard port): the day, its Z and one more sale stay in the outbox.
        long lost, afterZ;
        using (var offline = Agent(directory, "http://127.0.0.1:9", "TillPort", till.AgentEnd))
        {
            await offline.StartAsync(Ct);
            var outbox = offline.Services.GetRequiredService<SqliteOutbox>();
            await Simulate("--catalog", catalog, "--terminal", $"T01={till.DeviceEnd}", "--sales-per-minute", "600", "--count", "3", "--seed", "4", "--z-report");
            await Eventually.Holds(() => outbox.Queue.Depth == 3 && outbox.DayEnd.PendingCount == 1, "three sales and the Z in the outbox", cancellationToken: Ct);
            await Simulate("--catalog", catalog, "--terminal", $"T01={till.DeviceEnd}", "--sales-per-minute", "600", "--count", "1", "--seed", "5");
            await Eventually.Holds(() => outbox.Queue.Depth == 4, "the sale rung up after the Z in the outbox", cancellationToken: Ct);

            // The day's second sale is lost on the way (an outbox restored from an older copy): the Z still counts it.
            var sales = outbox.Queue.PeekOldest(10);
            (lost, afterZ) = (sales[1].Sale.Sequence, sales[3].Sale.Sequence);
            Assert.Equal(1, outbox.Queue.Remove([sales[1].Key]));
            await offline.StopAsync(Ct);
        }

        using var agent = Agent(directory, silo.BaseAddress.ToString(), "TillPort", till.AgentEnd);
        await agent.StartAsync(Ct);
        var online = agent.Services.GetRequiredService<SqliteOutbox>();
        await Eventually.Holds(() => online.Queue.Depth == 0 && online.DayEnd.ReadAll().Count == 0, "the sales and the Z at the silo", cancellationToken: Ct);
        var day = DateOnly.FromDateTime(await Scalar<DateTime>(database, "SELECT business_day::timestamp FROM z_report WHERE store_id = @StoreId"));
        var terminal = await Terminal(commandCenter, day);

        Assert.Equal("explained", Verdict(terminal));
        var items = terminal.GetProperty("items").EnumerateArray()
            .Select(i => (Reason: i.GetProperty("reason").GetString()!.ToLowerInvariant(), Sequence: i.GetProperty("sequence").GetInt64()))
            .ToList();
        Assert.Equal([("afterz", afterZ), ("missing", lost)], items.OrderBy(i => i.Reason, StringComparer.Ordinal));
        await Eventually.Holds(
            async () => await database.Count("SELECT count(*) FROM intervention WHERE condition = 'reconciliation' AND store_id = @StoreId AND status <> 'Resolved'", new { StoreId }) == 1,
            "the store manager's reconciliation alert",
            cancellationToken: Ct);
        await agent.StopAsync(Ct);
    }

    private static async Task<T> Scalar<T>(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql.Replace("@StoreId", "$1", StringComparison.Ordinal));
        command.Parameters.AddWithValue(StoreId);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
