namespace StoreSales.Faults.Tests;

/// <summary>
/// Fault d: the store PC loses power while its tills sell and its agent writes and uploads: the agent is frozen (between two
/// of the tills' sales, mid-write of its outbox), the outbox file and its log are copied as the disk holds them at that
/// instant, the agent is killed with SIGKILL and started again on the copy. Sales acked before the cut but still in the
/// copy are sent again (duplicates, harmless); none is lost.
/// </summary>
public sealed class AgentPowerCut(Stack stack, ITestOutputHelper output)
{
    private const string StoreId = "store-xm001";

    [Fact]
    public async Task An_agent_killed_and_restarted_on_a_copy_of_its_outbox_taken_mid_write_loses_and_doubles_no_sale()
    {
        FaultSuite.SkipUnlessRun(inShortForm: true);
        var cancellation = TestContext.Current.CancellationToken;
        var board = await BoardClock.Open(stack, StoreId, cancellation);
        await using var pc = await StorePc.Start(StoreId, ["D1", "D2"], stack.SiloUrls, cancellation, new Dictionary<string, string> { ["Agent:BatchSize"] = "5" });

        var tills = pc.Sell(salesPerTerminal: 60, salesPerMinute: 60, cancellation);
        // The power goes between two sales of the tills (see StorePc.FreezeBetweenSales), while the agent writes and uploads.
        await Faults.WaitUntil(async () => (await board.Ledger()).Count >= 20 && await pc.FreezeBetweenSales(tills, outboxEmpty: false), "sales uploading, the agent between two sales", cancellation);
        var atFault = (await board.Ledger()).Count;
        await pc.PowerCut();
        var cut = DateTimeOffset.UtcNow;
        pc.StartAgent();

        var current = await board.CurrentAgain(cut, atFault, Faults.Limit, cancellation);
        await tills.Finish(Faults.Limit, cancellation);
        await Faults.Settle(stack, "d. agent SIGKILL + power cut (outbox copied mid-write)", pc, tills, current, output, cancellation);
    }
}
