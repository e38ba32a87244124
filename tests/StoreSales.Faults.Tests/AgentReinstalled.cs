namespace StoreSales.Faults.Tests;

/// <summary>
/// Fault g: the store PC is replaced while its tills sell: once its outbox has sent everything, the agent is killed, the
/// outbox deleted, and a new agent starts with an empty one. Its terminals count in a new epoch, so no sequence is used
/// twice: nothing dropped as a "duplicate", nothing doubled, and the till's Z (the whole day, both PCs) reconciles.
/// </summary>
public sealed class AgentReinstalled(Stack stack, ITestOutputHelper output)
{
    private const string StoreId = "store-hz001";

    [Fact]
    public async Task An_agent_reinstalled_with_an_empty_outbox_drops_and_doubles_no_sale()
    {
        FaultSuite.SkipUnlessRun(inShortForm: false);
        var cancellation = TestContext.Current.CancellationToken;
        var board = await BoardClock.Open(stack, StoreId, cancellation);
        await using var pc = await StorePc.Start(StoreId, ["G1", "G2"], stack.SiloUrls, cancellation);

        var tills = pc.Sell(salesPerTerminal: 60, salesPerMinute: 60, cancellation);
        // The old PC goes once it has sent everything it took (a wiped outbox with sales in it would lose them: that is
        // the power cut's fault, not this one), between two sales. Frozen while looking, so nothing slips in between.
        await Faults.WaitUntil(async () => (await board.Ledger()).Count >= 20 && await pc.FreezeBetweenSales(tills, outboxEmpty: true), "the old PC's outbox empty between two sales", cancellation);
        var atFault = (await board.Ledger()).Count;
        await pc.KillAgent();
        pc.WipeOutbox();
        var reinstalled = DateTimeOffset.UtcNow;
        pc.StartAgent();

        var current = await board.CurrentAgain(reinstalled, atFault, Faults.Limit, cancellation);
        await tills.Finish(Faults.Limit, cancellation);
        await Faults.Settle(stack, "g. agent reinstalled with an empty outbox (new terminal epoch)", pc, tills, current, output, cancellation);
    }
}
