using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task Missing_agent_settings_are_named_by_their_key()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings.Remove("Agent:StoreId");
        settings["Agent:ServerUrl"] = "ftp://example";
        settings["Agent:BatchSize"] = "0";

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Agent:StoreId is required", message, StringComparison.Ordinal);
        Assert.Contains("Agent:ServerUrl 'ftp://example' is not an absolute http or https URL", message, StringComparison.Ordinal);
        Assert.Contains("Agent:BatchSize must be between 1 and 1000", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_server_of_a_cluster_is_checked_and_named_by_its_index()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Agent:ServerUrls:0"] = "http://127.0.0.1:5070";
        settings["Agent:ServerUrls:1"] = "silo-2:5071";
        settings["Agent:ServerUrls:2"] = "http://127.0.0.1:5070/";

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Agent:ServerUrls:1 'silo-2:5071' is not an absolute http or https URL", message, StringComparison.Ordinal);
        Assert.Contains("Agent:ServerUrls names a server twice", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_urls_take_the_place_of_the_single_server_url()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Agent:ServerUrl"] = "http://127.0.0.1:1";
        settings["Agent:ServerUrls:0"] = "http://127.0.0.1:2";
        settings["Agent:ServerUrls:1"] = "http://127.0.0.1:3";

        using var host = TestAgent.Build(settings);
        var failover = (global::StoreSales.Edge.Upload.ServerFailover)host.Services.GetService(typeof(global::StoreSales.Edge.Upload.ServerFailover))!;

        Assert.Equal(["http://127.0.0.1:2/", "http://127.0.0.1:3/"], failover.Servers.Select(u => u.ToString()));
        Assert.Equal("http://127.0.0.1:2/", failover.Current.ToString());
        Assert.Equal("http://127.0.0.1:3/", failover.Failed(failover.Current, "refused").ToString());
        // A failure reported late for a server already left behind moves nothing.
        Assert.Equal("http://127.0.0.1:3/", failover.Failed(new Uri("http://127.0.0.1:2/"), "refused").ToString());
        Assert.Equal("http://127.0.0.1:2/", failover.Failed(failover.Current, "refused").ToString());
    }

    [Fact]
    public async Task Terminal_problems_are_named_with_their_index()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Terminals:0:TerminalId"] = "T01";
        settings["Terminals:0:TillPort"] = "/dev/ttyX";
        settings["Terminals:1:TerminalId"] = "T01";
        settings["Terminals:1:ScannerSuffix"] = "SPACE";

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Terminals:1:TerminalId 'T01' is used by another terminal", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:1:TillPort is required", message, StringComparison.Ordinal);
        Assert.Contains("Terminals:1:ScannerSuffix 'SPACE' must be NONE, CR, LF, CRLF, TAB or ETX", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BatchSise", "50")]
    [InlineData("CatchupAfterSeconds", "30")]
    public async Task A_misspelt_key_is_an_error_not_a_silent_default(string misspelt, string value)
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings[$"Agent:{misspelt}"] = value;

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains(misspelt, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_apply_when_only_the_required_keys_are_given()
    {
        using var dir = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = "store-sh001",
            ["Agent:ServerUrl"] = TestAgent.UnreachableServer,
            ["Agent:StoreKey"] = "k",
            ["Agent:OutboxPath"] = dir.File("outbox.db"),
        };

        using var host = TestAgent.Build(settings);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var agent = host.Services.GetService(typeof(IOptions<Configuration.AgentOptions>)) as IOptions<Configuration.AgentOptions>;
        Assert.Equal((200, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)), (agent!.Value.BatchSize, agent.Value.UploadIdleDelay, agent.Value.CatchUpAfter));
        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250)), (agent.Value.ScanWriteWindow, agent.Value.ScanUploadWindow));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Outbox_bound_and_clock_skew_settings_are_named_by_their_key()
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Agent:OutboxMaxBytes"] = "1000";
        settings["Agent:OutboxNearFullRatio"] = "1.5";
        settings["Agent:ClockSkewWarnAfter"] = "00:00:00";
        settings["Agent:CatchUpAfter"] = "-00:00:01";

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Agent:OutboxMaxBytes must be at least 1048576", message, StringComparison.Ordinal);
        Assert.Contains("Agent:OutboxNearFullRatio must be greater than 0 and at most 1", message, StringComparison.Ordinal);
        Assert.Contains("Agent:ClockSkewWarnAfter must be greater than zero", message, StringComparison.Ordinal);
        Assert.Contains("Agent:CatchUpAfter must be greater than zero", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.800", "00:00:00.250")]
    [InlineData("-00:00:00.001", "00:00:00")]
    [InlineData("00:00:00", "-00:00:00.001")]
    public async Task Scan_windows_beyond_the_heatmaps_second_are_named_by_their_keys(string write, string upload)
    {
        using var dir = new TempDirectory();
        var settings = TestAgent.Settings(dir);
        settings["Agent:ScanWriteWindow"] = write;
        settings["Agent:ScanUploadWindow"] = upload;

        var message = await TestAgent.StartFailureAsync(settings);

        Assert.Contains("Agent:ScanWriteWindow and Agent:ScanUploadWindow must not be negative and together at most 00:00:01", message, StringComparison.Ordinal);
    }
}
