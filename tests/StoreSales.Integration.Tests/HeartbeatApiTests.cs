using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Health;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

public sealed class HeartbeatApiTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string Path = "/api/stores/store-sh001/heartbeats";

    private HttpClient Agent(string key = "demo-key-store-sh001") => fixture.Silo.CreateClient(key);

    private static AgentHeartbeat Heartbeat() => new()
    {
        AgentId = "store-pc-01",
        AgentVersion = "1.0.0",
        SentAt = DateTimeOffset.UtcNow,
        OutboxDepth = 2,
        OldestUnsentAgeSeconds = 4.5,
        LastAckAt = DateTimeOffset.UtcNow.AddSeconds(-3),
        ClockSkewSeconds = 0.2,
        Devices =
        [
            new DeviceHeartbeat { TerminalId = "T01", Kind = DeviceKinds.Till, Path = "/dev/ttyUSB0", Online = true, LastEventAt = DateTimeOffset.UtcNow.AddSeconds(-20), Counters = new Dictionary<string, long> { ["sales"] = 12 } },
            new DeviceHeartbeat { TerminalId = "T01", Kind = DeviceKinds.Scanner, Path = "/dev/ttyUSB1", Online = false },
        ],
    };

    [Fact]
    public async Task A_heartbeat_is_accepted_and_the_store_shows_its_devices()
    {
        var sent = Heartbeat();

        var response = await Agent().PostAsJsonAsync(Path, sent, TestContext.Current.CancellationToken);
        var progress = await fixture.Silo.Grains().GetGrain<IStoreGrain>("store-sh001").GetProgress();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(progress.AgentSeenAt);
        Assert.Equal(
            [("T01", "scanner", false, (DateTimeOffset?)null), ("T01", "till", true, sent.Devices[0].LastEventAt)],
            progress.Devices.Select(d => (d.TerminalId, d.Kind, d.Online, d.LastEventAt)));
    }

    [Fact]
    public async Task No_key_or_an_unknown_key_is_401()
    {
        var none = await fixture.Silo.CreateClient().PostAsJsonAsync(Path, Heartbeat(), TestContext.Current.CancellationToken);
        var wrong = await Agent("not-a-key").PostAsJsonAsync(Path, Heartbeat(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_stores_key_is_403()
    {
        var response = await Agent("demo-key-store-sh002").PostAsJsonAsync(Path, Heartbeat(), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("store-sh002", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"agentId":"pc","sentAt":"2026-11-23T10:00:00Z","outboxDepth":"many","devices":[]}""", "outboxDepth")]
    [InlineData("""{"agentId":"","sentAt":"2026-11-23T10:00:00Z","devices":[]}""", "agentId")]
    [InlineData("""{"agentId":"pc","devices":[]}""", "sentAt")]
    [InlineData("""{"agentId":"pc","sentAt":"2026-11-23T10:00:00Z","devices":[{"terminalId":"T01","kind":"printer","online":true}]}""", "devices[0].kind")]
    [InlineData("""{"agentId":"pc","sentAt":"2026-11-23T10:00:00Z","devices":[{"terminalId":"T 01","kind":"till","online":true}]}""", "devices[0].terminalId")]
    [InlineData("""{"agentId":"pc","sentAt":"2026-11-23T10:00:00Z","outboxDepth":-1,"devices":[]}""", "outboxDepth")]
    public async Task A_malformed_heartbeat_is_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await Agent().PostAsync(Path, content, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_heartbeat_endpoint()
    {
        var document = await fixture.Silo.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/stores/{storeId}/heartbeats", out _));
    }
}
