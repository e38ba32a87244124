using StoreSales.CommandCenter.ContractToCash;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// A live change of one customer re-reads that customer only: its months and lines are replaced in the open board,
/// every other customer's stay as they were, in the board's order.
/// </summary>
public sealed class MatchBoardSpliceTests
{
    [Fact]
    public void One_customer_read_again_replaces_only_its_own_months_and_lines()
    {
        var board = Board(("cust-a", "CT-A", "green"), ("cust-b", "CT-B:1", "yellow"), ("cust-b", "CT-B:2", "red"), ("cust-c", "CT-C", "yellow"));

        var spliced = board.WithCustomer("cust-b", Board(("cust-b", "CT-B:1", "green"), ("cust-b", "CT-B:2", "green")));

        Assert.Equal(
            [("cust-a", "CT-A", "green"), ("cust-b", "CT-B:1", "green"), ("cust-b", "CT-B:2", "green"), ("cust-c", "CT-C", "yellow")],
            spliced.Lines.Select(l => (l.CustomerId, l.LineKey, l.Status)));
        Assert.Equal([("cust-a", 1, 0), ("cust-b", 2, 0), ("cust-c", 0, 1)], spliced.Months.Select(m => (m.CustomerId, m.Green, m.Yellow)));
    }

    [Fact]
    public void A_customer_read_again_with_nothing_left_in_sight_leaves_the_board_and_a_new_one_joins_in_order()
    {
        var board = Board(("cust-a", "CT-A", "green"), ("cust-c", "CT-C", "yellow"));

        Assert.Equal(["cust-c"], board.WithCustomer("cust-a", Board()).Lines.Select(l => l.CustomerId));
        Assert.Equal(["cust-a", "cust-b", "cust-c"], board.WithCustomer("cust-b", Board(("cust-b", "CT-B", "red"))).Lines.Select(l => l.CustomerId));
    }

    private static MatchBoardAnswer Board(params (string Customer, string Key, string Status)[] lines) => new(
        "2026-12", "2026-12", 500m,
        [.. lines.GroupBy(l => l.Customer).Select(g => new MatchMonthAnswer(g.Key, g.Key, "2026-12", g.Count(l => l.Status == "green"), g.Count(l => l.Status == "yellow"), g.Count(l => l.Status == "red")))],
        [.. lines.Select(l => new MatchLineAnswer(l.Customer, l.Customer, "2026-12", "contract", l.Key, l.Status, [], 0, 0, 0, 0, 0, 0))]);
}
