using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.Edge;
using StoreSales.Edge.Outbox;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.EndToEnd.Tests;

/// <summary>An edge agent in this process, posting to a real silo, with retries short enough for a test.</summary>
internal static class InProcessAgent
{
    public static async Task<IHost> Start(SiloUnderTest silo, string storeId, string outboxPath, IDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = storeId,
            ["Agent:ServerUrl"] = silo.BaseAddress.ToString(),
            ["Agent:OutboxPath"] = outboxPath,
            ["Upload:RetryDelay"] = "00:00:00.050",
            ["Upload:MaxRetryDelay"] = "00:00:05",
            ["Upload:AuthFailureDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Critical",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var agent = EdgeAgentHost.Build(configuration);
        await agent.StartAsync(cancellationToken);
        return agent;
    }

    public static SqliteOutbox Outbox(this IHost agent) => agent.Services.GetRequiredService<SqliteOutbox>();

    /// <summary>Rings up <paramref name="count"/> one-line sales on <paramref name="terminal"/>, as the till adapter would.</summary>
    public static void Sell(this IHost agent, string terminal, int count, int lines = 1)
    {
        for (var i = 0; i < count; i++)
        {
            var sale = Sale(terminal, 0, DateTimeOffset.UtcNow, [.. Enumerable.Range(0, lines).Select(_ => ("6920433218190", 1m, 3m))]);
            agent.Outbox().Queue.Append(sale with { ReceiptNumber = $"K{Guid.NewGuid():N}"[..12] });
        }
    }

    public static async Task Stop(this IHost agent)
    {
        await agent.StopAsync(CancellationToken.None);
        agent.Dispose();
    }
}
