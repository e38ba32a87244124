using System.Net;
using System.Net.Http.Json;
using StoreSales.Contracts.Health;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// Offline-device tracking survives the silo: an agent reports once, its silo is killed (SIGKILL) before the store's
/// devices even count as offline, the silo starts again (as systemd restarts it: same ports), and the agent never reports again. Nothing calls the store after
/// the restart, yet its offline alert opens: the heartbeat was kept in grain storage and the store's agent-watch reminder
/// woke it on the new silo.
/// </summary>
public sealed class OfflineAfterRestartTests
{
    private const string StoreId = "store-sh001";

    [Fact]
    public async Task An_agent_silent_since_before_a_silo_restart_still_raises_its_offline_alert()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("agentwatch");
        await OpenNow(database);
        var settings = new Dictionary<string, string>
        {
            ["Live:DeviceOfflineAfter"] = "00:00:03",
            ["Live:DeviceOfflineAlertAfter"] = "00:00:03",
            ["Live:RefreshInterval"] = "00:00:01",
            ["Live:AgentWatchPeriod"] = "00:00:02",
            ["Orleans:MinimumReminderPeriod"] = "00:00:01",
        };
        await using var cluster = await ClusterUnderTest.Start(database, silos: 1, commandCenters: 0, siloSettings: settings, cancellationToken: cancellation);
        try
        {
            using (var agent = new HttpClient { BaseAddress = cluster.Silos[0].BaseAddress })
            {
                agent.DefaultRequestHeaders.Add("X-Store-Key", "demo-key-store-sh001");
                using var sent = await agent.PostAsJsonAsync($"/api/stores/{StoreId}/heartbeats", Heartbeat(), cancellation);
                Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            }

            await cluster.Silos[0].Kill();
            // Killed before the devices even counted as offline: whatever opens now, the restarted cluster opened.
            Assert.Equal(0, await OfflineAlerts(database));

            await cluster.RestartSilo(cluster.Silos[0]).WaitUntilAnswering("/health/ready", TimeSpan.FromSeconds(120), cancellation);
            await Eventually.Holds(async () => await OfflineAlerts(database) == 1, "the till's offline alert is open", TimeSpan.FromSeconds(90), cancellation);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{cluster.Tails()}", exception);
        }
    }

    private static AgentHeartbeat Heartbeat() => new()
    {
        AgentId = "store-pc-01",
        SentAt = DateTimeOffset.UtcNow,
        Devices = [new DeviceHeartbeat { TerminalId = "T01", Kind = DeviceKinds.Till, Path = "/dev/ttyUSB0", Online = true, LastEventAt = DateTimeOffset.UtcNow }],
    };

    private static Task<long> OfflineAlerts(TestDatabase database) =>
        database.Count("SELECT count(*) FROM intervention WHERE store_id = @StoreId AND condition = 'device-offline-T01-till'", new { StoreId });

    /// <summary>The offline rule holds during opening hours only: the store is moved to the zone where it is now early afternoon.</summary>
    private static async Task OpenNow(TestDatabase database)
    {
        var offset = ((14 - DateTimeOffset.UtcNow.Hour + 36) % 24) - 12; // -12..+11
        var zone = offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}"; // Etc/GMT-8 is UTC+8
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE store SET time_zone = @zone WHERE store_id = @StoreId", new { zone, StoreId });
    }
}
