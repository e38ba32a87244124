using StoreSales.Data.Ledger;

namespace StoreSales.Integration.Tests;

/// <summary>
/// How large the next group commit may be and which waiting batches it takes (pure rules of the ledger writer; the
/// writer itself is exercised against PostgreSQL in <see cref="LedgerGroupCommitTests"/>).
/// </summary>
public sealed class LedgerGroupScheduleTests
{
    private static readonly LedgerWriterOptions Defaults = new();

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1000, 1000)]
    [InlineData(2000, 1000)] // the two writers take it all in one round of ordinary groups
    [InlineData(2001, 2000)] // more waits: the writers are the bottleneck
    [InlineData(102_400, 2000)] // the live lane full (1,024 batches of 100)
    public void A_group_grows_only_while_more_live_sales_wait_than_the_busy_threshold(int liveSalesWaiting, int limit) =>
        Assert.Equal(limit, LedgerGroupSchedule.GroupLimit(liveSalesWaiting, Defaults));

    [Fact]
    public void The_threshold_and_both_sizes_come_from_the_options()
    {
        var options = new LedgerWriterOptions { GroupMaxSales = 500, BusyGroupMaxSales = 1500, BusyLiveSalesWaiting = 3000 };

        Assert.Equal(500, LedgerGroupSchedule.GroupLimit(3000, options));
        Assert.Equal(1500, LedgerGroupSchedule.GroupLimit(3001, options));
    }

    [Fact]
    public void A_busy_group_still_keeps_the_catch_up_share_of_its_larger_size()
    {
        var live = Enumerable.Repeat(100, 40).ToArray();
        var catchUp = Enumerable.Repeat(200, 10).ToArray();

        var (takenLive, takenCatchUp) = LedgerGroupSchedule.Take(live, catchUp, LedgerGroupSchedule.GroupLimit(live.Sum(), Defaults), Defaults.CatchUpShare);

        // 500 of 2,000 kept for catch-up: two of its 200-sale batches fit; the 100 left over goes to one more live batch.
        Assert.Equal((16, 2), (takenLive, takenCatchUp));
    }

    [Theory]
    [InlineData(false, 3, 2)] // the backlog is nowhere else: it joins the live ones (as much as fits)
    [InlineData(true, 3, 0)]  // another writer is writing the backlog: the live batches go alone
    public void A_live_group_takes_catch_up_only_while_no_other_writer_writes_the_backlog(bool backlogBeingWritten, int live, int catchUp)
    {
        var (takenLive, takenCatchUp) = LedgerGroupSchedule.Take([1, 1, 1], [200, 200], 1000, Defaults.CatchUpShare, backlogBeingWritten);

        Assert.Equal((live, catchUp), (takenLive, takenCatchUp));
    }

    [Fact]
    public void Without_live_batches_the_backlog_is_taken_whatever_another_writer_does() =>
        Assert.Equal((0, 2), LedgerGroupSchedule.Take([], [200, 200], 1000, Defaults.CatchUpShare, backlogBeingWritten: true));

    [Fact]
    public void A_busy_size_below_the_ordinary_one_is_refused_at_start() =>
        Assert.Contains("BusyGroupMaxSales", new LedgerWriterOptions { GroupMaxSales = 1000, BusyGroupMaxSales = 999 }.Validate());

    [Fact]
    public void The_default_options_are_valid() => Assert.Null(Defaults.Validate());
}
