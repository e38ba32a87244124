using StoreSales.Contracts.Health;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Edge.Tests.Outbox;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Status;

/// <summary>The agent's heartbeats against a real Kestrel server playing the ingest API.</summary>
public sealed class HeartbeatSenderTests
{
    [Fact]
    public async Task Heartbeats_carry_the_outbox_and_every_device_to_the_server()
    {
        using var dir = new TempDirectory();
        using (var outbox = new SqliteOutbox(dir.File("outbox.db")))
        {
            outbox.Queue.Append(SqliteOutboxTests.Sale("T01", "R1", 1.00m));
        }

        // The server refuses sales (so the outbox keeps one) but takes heartbeats.
        await using var server = await FakeIngestServer.StartAsync();
        server.Intercept = (_, _) => Microsoft.AspNetCore.Http.Results.StatusCode(503);
        var settings = TestAgent.Settings(dir, server.Url);
        settings["Agent:HeartbeatInterval"] = "00:00:00.200";
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = dir.File("no-till");
        settings["Terminals:0:ScannerPort"] = dir.File("no-scanner");

        await using var agent = await TestAgent.StartAsync(settings);
        // The first beat can leave before the device host has tried the missing port: wait for one after it.
        static bool SawFault(AgentHeartbeat h) =>
            h.Devices.Any(d => d.Kind == DeviceKinds.Till && d.Counters.GetValueOrDefault(StoreSales.Edge.Devices.Till.TillCounters.PortFaults) >= 1);
        await Eventually.Holds(() => server.Heartbeats.Count >= 2 && server.Heartbeats.Any(SawFault), "heartbeats after the port fault", cancellationToken: TestContext.Current.CancellationToken);

        var heartbeat = server.Heartbeats.Last(SawFault);
        Assert.Equal(Environment.MachineName, heartbeat.AgentId);
        Assert.Equal(1, heartbeat.OutboxDepth);
        Assert.NotNull(heartbeat.OldestUnsentAgeSeconds);
        Assert.True(heartbeat.SentAt > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(
            [("T01", DeviceKinds.Scanner, dir.File("no-scanner"), false), ("T01", DeviceKinds.Till, dir.File("no-till"), false)],
            heartbeat.Devices.Select(d => (d.TerminalId, d.Kind, d.Path, d.Online)).OrderBy(d => d.Kind, StringComparer.Ordinal));
        var till = heartbeat.Devices.Single(d => d.Kind == DeviceKinds.Till);
        Assert.Null(till.LastEventAt);
        Assert.True(till.Counters[StoreSales.Edge.Devices.Till.TillCounters.PortFaults] >= 1, $"the missing port counted as a fault: {string.Join(", ", till.Counters)}");
    }

    [Fact]
    public async Task A_heartbeat_interval_over_a_minute_is_a_configuration_error()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Agent:HeartbeatInterval"] = "00:05:00";

        using var host = TestAgent.Build(settings);
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => EdgeAgentHost.ValidateConfiguration(host.Services));

        Assert.Contains("Agent:HeartbeatInterval", error.Message, StringComparison.Ordinal);
    }
}
