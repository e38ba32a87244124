using StoreSales.Edge;
using StoreSales.Edge.Commands;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>`StoreSales.Edge doctor` against the real silo and real pseudo-terminals.</summary>
public sealed class DoctorTests
{
    [Fact]
    public async Task Doctor_says_in_plain_words_what_is_right_and_what_is_wrong()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("doctor");
        await using var silo = await SiloUnderTest.Start(database, "doctor-" + Guid.NewGuid().ToString("N")[..8]);
        using var directory = new TempDirectory();
        await using var till = await SocatPair.StartAsync(directory.Path, "till", cancellation);
        await using var scanner = await SocatPair.StartAsync(directory.Path, "scanner", cancellation);

        Dictionary<string, string?> Settings(string key, string scanner) => new()
        {
            ["Agent:StoreId"] = "store-sh001",
            ["Agent:ServerUrl"] = silo.BaseAddress.ToString(),
            ["Agent:StoreKey"] = key,
            ["Agent:OutboxPath"] = directory.File("outbox.db"),
            ["Terminals:0:TerminalId"] = "T01",
            ["Terminals:0:TillPort"] = till.AgentEnd,
            ["Terminals:0:ScannerPort"] = scanner,
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var (healthyExit, healthy) = await Doctor(Settings("demo-key-store-sh001", scanner.AgentEnd), cancellation);
        var (sickExit, sick) = await Doctor(Settings("demo-key-store-sh002", directory.File("no-scanner")), cancellation);

        Assert.Equal(0, healthyExit);
        Assert.Contains("the store key is accepted for store-sh001", healthy, StringComparison.Ordinal);
        Assert.Contains("All checks passed.", healthy, StringComparison.Ordinal);
        Assert.Equal(1, sickExit);
        Assert.Contains("the store key belongs to another store than store-sh001", sick, StringComparison.Ordinal);
        Assert.Contains("scanner " + directory.File("no-scanner") + ": not found", sick, StringComparison.Ordinal);
        Assert.Contains("2 problem(s) found.", sick, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> Doctor(Dictionary<string, string?> settings, CancellationToken cancellation)
    {
        using var host = EdgeAgentHost.Build(settings);
        using var output = new StringWriter();
        var exit = await DoctorCommand.Run(host.Services, output, cancellation);
        return (exit, output.ToString());
    }
}
