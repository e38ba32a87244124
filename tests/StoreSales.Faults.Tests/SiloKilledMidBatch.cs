namespace StoreSales.Faults.Tests;

/// <summary>
/// Fault a: the silo the store's agent is sending to is killed with SIGKILL while batches are on their way. The agent
/// sends the batch again to the next silo; the store's grain (wherever it was) is counted again from the ledger.
/// </summary>
public sealed class SiloKilledMidBatch(Stack stack, ITestOutputHelper output)
{
    private const string StoreId = "store-sh002";

    [Fact]
    public async Task A_silo_killed_mid_batch_loses_and_doubles_no_sale()
    {
        FaultSuite.SkipUnlessRun(inShortForm: true);
        var cancellation = TestContext.Current.CancellationToken;
        var board = await BoardClock.Open(stack, StoreId, cancellation);
        var victim = stack.Cluster.Silos.First(s => !s.HasExited);
        await using var pc = await StorePc.Start(StoreId, ["A1", "A2"], stack.SiloUrls, cancellation);

        var tills = pc.Sell(salesPerTerminal: 150, salesPerMinute: 600, cancellation);
        await Faults.WaitUntil(async () => (await board.Ledger()).Count >= 40, "sales flowing into the first silo", cancellation);
        var atFault = (await board.Ledger()).Count;
        var kill = DateTimeOffset.UtcNow;
        await victim.Kill();

        var current = await board.CurrentAgain(kill, atFault, Faults.Limit, cancellation);
        await tills.Finish(Faults.Limit, cancellation);
        await Faults.Settle(stack, "a. silo SIGKILL mid-batch under load", pc, tills, current, output, cancellation);
        await stack.RestoreSilos(cancellation);
    }
}
