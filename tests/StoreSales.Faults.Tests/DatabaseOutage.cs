using StoreSales.EndToEnd.Tests.Cluster;

namespace StoreSales.Faults.Tests;

/// <summary>
/// Fault c: PostgreSQL stops under load for <see cref="FaultSuite.DatabaseOutage"/> and starts again. Meanwhile every
/// silo says it is not ready (<c>/health/ready</c>), nothing is acked, the agents keep the sales in their outboxes;
/// afterwards every sale lands once.
/// </summary>
public sealed class DatabaseOutage(Stack stack, ITestOutputHelper output)
{
    private const string StoreId = "store-sz001";

    [Fact]
    public async Task PostgreSQL_stopped_under_load_loses_and_doubles_no_sale()
    {
        FaultSuite.SkipUnlessRun(inShortForm: true);
        var cancellation = TestContext.Current.CancellationToken;
        var outage = FaultSuite.DatabaseOutage;
        var board = await BoardClock.Open(stack, StoreId, cancellation);
        await using var pc = await StorePc.Start(StoreId, ["C1", "C2"], stack.SiloUrls, cancellation);

        // Enough sales for the load to outlast the outage and a little more.
        var perTerminal = (int)(outage.TotalSeconds + 30) * 5;
        var tills = pc.Sell(perTerminal, salesPerMinute: 300, cancellation);
        await Faults.WaitUntil(async () => (await board.Ledger()).Count >= 20, "sales flowing before the outage", cancellation);
        var atFault = (await board.Ledger()).Count;

        await DatabaseServer.Stop(cancellation);
        var stopped = DateTimeOffset.UtcNow;
        var restarted = stopped;
        try
        {
            await Faults.WaitUntil(() => NoneReady(stack.Cluster.Silos.Where(s => !s.HasExited)), "every silo reports not ready without its database", cancellation);
            // The outage lasts its length, and it counts only if the agent had to keep sales meanwhile.
            await Faults.WaitUntil(() => Task.FromResult(DateTimeOffset.UtcNow - stopped >= outage && pc.OutboxDepth > 0), $"{outage.TotalSeconds:0} s without PostgreSQL, sales waiting in the outbox", cancellation);
        }
        finally
        {
            // Timed from the start command: the sales flow again while pg_start is still waiting for the server.
            restarted = DateTimeOffset.UtcNow;
            await DatabaseServer.Start(stack.Database.DataSource, cancellation);
        }

        var current = await board.CurrentAgain(restarted, atFault, Faults.Limit, cancellation);
        await tills.Finish(Faults.Limit, cancellation);
        await Faults.Settle(stack, $"c. PostgreSQL stopped {outage.TotalSeconds:0} s under load", pc, tills, current, output, cancellation);
    }

    private static async Task<bool> NoneReady(IEnumerable<NodeProcess> silos)
    {
        foreach (var silo in silos)
        {
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering is not ready either.
            }
            catch (TaskCanceledException)
            {
                // Nor is a probe that hangs.
            }
        }

        return true;
    }
}
