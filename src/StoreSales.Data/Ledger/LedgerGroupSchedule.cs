namespace StoreSales.Data.Ledger;

/// <summary>
/// Which waiting batches the next group commit takes: live batches first, oldest first, but never more than leaves
/// <see cref="LedgerWriterOptions.CatchUpShare"/> of the group to a waiting backlog, and at least one catch-up batch
/// whenever one waits (a backlog must drain even under full live load), unless another writer is writing a group of
/// catch-up batches alone: the backlog drains there, and a live batch need not wait for a catch-up batch written
/// beside it. Room left over goes to more live batches.
/// </summary>
public static class LedgerGroupSchedule
{
    /// <summary>
    /// Most sales the next group takes: <see cref="LedgerWriterOptions.BusyGroupMaxSales"/> while more than
    /// <see cref="LedgerWriterOptions.BusyLiveSalesWaiting"/> live sales wait, otherwise <see cref="LedgerWriterOptions.GroupMaxSales"/>.
    /// </summary>
    public static int GroupLimit(int liveSalesWaiting, LedgerWriterOptions options) =>
        liveSalesWaiting > options.BusyLiveSalesWaiting ? options.BusyGroupMaxSales : options.GroupMaxSales;

    /// <summary>
    /// How many of the waiting batches (given by their sale counts, oldest first) each lane gives to the group;
    /// <paramref name="backlogBeingWritten"/>: another writer is writing a group of catch-up batches alone.
    /// </summary>
    public static (int Live, int CatchUp) Take(IReadOnlyList<int> live, IReadOnlyList<int> catchUp, int maxSales, double catchUpShare, bool backlogBeingWritten = false)
    {
        if (backlogBeingWritten && live.Count > 0)
        {
            catchUp = [];
        }

        var catchUpWaiting = catchUp.Sum();
        var reserved = catchUp.Count == 0 ? 0 : Math.Min(catchUpWaiting, (int)Math.Ceiling(maxSales * catchUpShare));
        var total = 0;
        var takenLive = TakeWhileRoom(live, 0, maxSales - reserved, ref total, atLeastOne: true);
        var takenCatchUp = TakeWhileRoom(catchUp, 0, maxSales, ref total, atLeastOne: true);
        takenLive = TakeWhileRoom(live, takenLive, maxSales, ref total, atLeastOne: false);
        return (takenLive, takenCatchUp);
    }

    // atLeastOne: a lane with a batch waiting always gives one, even to a full group, so neither lane can starve.
    private static int TakeWhileRoom(IReadOnlyList<int> sizes, int from, int budget, ref int total, bool atLeastOne)
    {
        var taken = from;
        while (taken < sizes.Count && (total + sizes[taken] <= budget || (atLeastOne && taken == from)))
        {
            total += sizes[taken];
            taken++;
        }

        return taken;
    }
}
