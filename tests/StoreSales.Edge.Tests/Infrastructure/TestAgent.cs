using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Status;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Infrastructure;

/// <summary>The real agent host, started in-process from a configuration dictionary, logging to the test output.</summary>
public sealed class TestAgent : IAsyncDisposable
{
    /// <summary>Nothing listens on the discard port: uploads fail fast and the outbox keeps everything.</summary>
    public const string UnreachableServer = "http://127.0.0.1:9";

    private TestAgent(IHost host)
    {
        Host = host;
    }

    public IHost Host { get; }

    public AgentStatus Status => Host.Services.GetRequiredService<AgentStatus>();

    public SqliteOutbox Outbox => Host.Services.GetRequiredService<SqliteOutbox>();

    /// <summary>Settings of a test agent: fast retries, an outbox in <paramref name="directory"/>.</summary>
    public static Dictionary<string, string?> Settings(TempDirectory directory, string serverUrl = UnreachableServer) => new()
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Agent:StoreId"] = "store-test",
        ["Agent:ServerUrl"] = serverUrl,
        ["Agent:StoreKey"] = "test-key",
        ["Agent:OutboxPath"] = directory.File("outbox.db"),
        ["Agent:UploadIdleDelay"] = "00:00:00.020",
        ["Agent:PortRetryDelay"] = "00:00:00.050",
        ["Agent:PortRetryMaxDelay"] = "00:00:00.500",
        ["Upload:AttemptTimeout"] = "00:00:02",
        ["Upload:RetryDelay"] = "00:00:00.020",
        ["Upload:BreakDuration"] = "00:00:01",
        ["Upload:MaxRetryDelay"] = "00:00:01",
        ["Upload:AuthFailureDelay"] = "00:00:00.200",
    };

    /// <param name="logs">When given, every log line ("Level message") is added to it as well.</param>
    /// <param name="time">When given, the agent's clock (uploader, retry delays, outbox stamps) instead of the system's.</param>
    public static IHost Build(IEnumerable<KeyValuePair<string, string?>> settings, System.Collections.Concurrent.ConcurrentQueue<string>? logs = null, TimeProvider? time = null) =>
        EdgeAgentHost.Build(settings, configureServices: time is null ? null : services => services.AddSingleton(time), configureLogging: logging =>
        {
            logging.ClearProviders();
            if (TestContext.Current.TestOutputHelper is { } output || logs is not null)
            {
                logging.AddProvider(new TestOutputLoggerProvider(TestContext.Current.TestOutputHelper, logs));
            }
        });

    /// <summary>Starts an agent that must refuse to start; returns what it said (each failed option on a line).</summary>
    public static async Task<string> StartFailureAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        using var host = Build(settings);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));
        return ex is Microsoft.Extensions.Options.OptionsValidationException validation ? string.Join("\n", validation.Failures) : ex.Message;
    }

    public static async Task<TestAgent> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, System.Collections.Concurrent.ConcurrentQueue<string>? logs = null, TimeProvider? time = null)
    {
        var host = Build(settings, logs, time);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TestAgent(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
