using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>What every fault does after its fault: reconcile, record its row, and fail on anything lost or doubled.</summary>
public static class Faults
{
    /// <summary>How long any one condition may take on a loaded two-core machine before the suite calls it broken.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static Task WaitUntil(Func<Task<bool>> condition, string what, CancellationToken cancellationToken) =>
        Eventually.Holds(condition, what, Limit, cancellationToken);

    /// <summary>
    /// Once the tills are done: the ledger against the tills' receipts (lost, doubled) and the day-end reconciliation per
    /// terminal (the till's Z = ledger = store grain); records the row, then fails unless everything is exact.
    /// </summary>
    public static async Task Settle(Stack stack, string fault, StorePc pc, TillRun tills, TimeSpan? boardsCurrentAfter, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var sent = tills.Receipts();
        var tally = await LedgerTally.Settled(stack.Database, pc.StoreId, sent, Limit);
        var verdict = await DayEndCheck.Verdicts(stack.Hq, pc.StoreId, pc.Terminals, Limit);
        new FaultRow(fault, tally.Sent, tally.InLedger, tally.Lost, tally.Doubled, boardsCurrentAfter, verdict).Record(output);
        Assert.True(tally.Exact, $"{fault}: the tills sent {tally.Sent}, the ledger holds {tally.InLedger}: {tally.Lost} lost, {tally.Doubled} doubled (logs: {stack.Cluster.Logs})");
        Assert.True(verdict == "equal", $"{fault}: day-end reconciliation per terminal: {verdict}");
    }
}
