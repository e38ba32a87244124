namespace StoreSales.Faults.Tests;

/// <summary>
/// Fault e: a store's line to HQ is down for a whole business day: its tills ring up <see cref="FaultSuite.OfflineSales"/>
/// sales (50,000 unless faults.sh says otherwise), the agent keeps them all, then the line comes back and the agent
/// uploads the day (as catch-up, behind other stores' live sales). Every sale lands once and the day reconciles.
/// </summary>
public sealed class AgentOfflineForADay(Stack stack, ITestOutputHelper output)
{
    private const string StoreId = "store-sh001";
    private const int Terminals = 10;
    private static readonly TimeSpan DayLimit = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task An_agent_offline_for_a_business_day_then_back_loses_and_doubles_no_sale()
    {
        FaultSuite.SkipUnlessRun(inShortForm: false);
        var cancellation = TestContext.Current.CancellationToken;
        var perTerminal = Math.Max(1, FaultSuite.OfflineSales / Terminals);
        var board = await BoardClock.Open(stack, StoreId, cancellation);
        await using var cable = new NetworkCable(stack.SiloUrls);
        await using var pc = await StorePc.Start(StoreId, [.. Enumerable.Range(1, Terminals).Select(t => $"E{t:D2}")], cable.Urls, cancellation);

        var atFault = (await board.Ledger()).Count;
        var tills = pc.Sell(perTerminal, salesPerMinute: 6000, cancellation);
        await tills.Finish(DayLimit, cancellation);
        await Faults.WaitUntil(() => Task.FromResult(pc.OutboxDepth == perTerminal * Terminals), "the agent kept the whole day in its outbox", cancellation);

        cable.PlugIn();
        var back = DateTimeOffset.UtcNow;
        // Current again once it shows the whole day.
        var current = await board.CurrentAgain(back, atFault + (perTerminal * Terminals) - 1, DayLimit, cancellation);
        await Faults.Settle(stack, $"e. agent offline for a business day ({perTerminal * Terminals:N0} sales), then back", pc, tills, current, output, cancellation);
    }
}
