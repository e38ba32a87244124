using Microsoft.Extensions.Options;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// A misspelt key in a server's settings stops that host at start, naming the key, as the edge agent's do: neither the
/// silo nor the command center runs on a default the operator thought they had changed. Each host reads its own
/// appsettings.json (<see cref="HostSettingsFile"/>), so both start with their shipped settings under strict binding.
/// </summary>
public sealed class StrictOptionsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.Create("strict", seedDemo: false);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_misspelt_store_key_recheck_stops_the_silo()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => SiloUnderTest.Start(
            _database, "strict-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?> { ["Access:StoreKeyRechek"] = "00:00:05" }));

        Assert.Contains("StoreKeyRechek", Flatten(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_gateway_refresh_stops_the_command_center()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => CommandCenterUnderTest.Start(
            _database, "strict-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?> { ["Orleans:GatewayListRefreshPeriode"] = "00:00:05" }));

        Assert.Contains("GatewayListRefreshPeriode", Flatten(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_refresh_of_zero_stops_the_command_center_naming_the_rule()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => CommandCenterUnderTest.Start(
            _database, "strict-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?> { ["Orleans:GatewayListRefreshPeriod"] = "00:00:00" }));

        Assert.Contains("GatewayListRefreshPeriod must be positive", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>An exception's message with its inner and aggregated ones, where a start-up failure's sentence may sit.</summary>
    internal static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
