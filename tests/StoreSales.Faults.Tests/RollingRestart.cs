namespace StoreSales.Faults.Tests;

/// <summary>
/// Fault b: every silo restarted one by one under load, as an upgrade does: each stops in order (SIGTERM) and starts again
/// on its port before the next one stops. The agents' batches move to the silos that are up; the stores' grains move
/// with each restart and are counted again from the ledger.
/// </summary>
public sealed class RollingRestart(Stack stack, ITestOutputHelper output)
{
    private const string StoreId = "store-gz001";

    [Fact]
    public async Task Every_silo_restarted_one_by_one_under_load_loses_and_doubles_no_sale()
    {
        FaultSuite.SkipUnlessRun(inShortForm: false);
        var cancellation = TestContext.Current.CancellationToken;
        var board = await BoardClock.Open(stack, StoreId, cancellation);
        await using var pc = await StorePc.Start(StoreId, ["B1", "B2"], stack.SiloUrls, cancellation);

        var tills = pc.Sell(salesPerTerminal: 900, salesPerMinute: 600, cancellation);
        await Faults.WaitUntil(async () => (await board.Ledger()).Count >= 20, "sales flowing before the restarts", cancellation);
        // The row gives the longest of the three restarts: from the silo's stop until the board is current again.
        var current = TimeSpan.Zero;
        foreach (var silo in stack.Cluster.Silos.Where(s => !s.HasExited).ToList())
        {
            var atStop = (await board.Ledger()).Count;
            var stopped = DateTimeOffset.UtcNow;
            await silo.Stop(cancellation);
            // Watched while the silo is away: the others carry the store meanwhile.
            var currentAgain = board.CurrentAgain(stopped, atStop, Faults.Limit, cancellation);
            await stack.Cluster.StartSilo(silo.BaseAddress.Port).WaitUntilAnswering("/health/ready", Faults.Limit, cancellation);
            var after = await currentAgain;
            current = after > current ? after : current;
        }

        await tills.Finish(Faults.Limit, cancellation);
        await Faults.Settle(stack, "b. every silo restarted one by one under load", pc, tills, current, output, cancellation);
    }
}
