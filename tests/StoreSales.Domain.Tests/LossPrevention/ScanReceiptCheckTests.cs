using StoreSales.Domain.LossPrevention;

namespace StoreSales.Domain.Tests.LossPrevention;

/// <summary>Scans that never reach a receipt within the window, per terminal, cashier and day, and when their rate raises.</summary>
public sealed class ScanReceiptCheckTests
{
    private const string Tea = "6920433218190";
    private const string Cola = "6970013389086";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static CheckedScan Scan(long sequence, int minute, string code = Tea, string terminal = "T01") => new(terminal, sequence, Start.AddMinutes(minute), code, 1);

    private static CheckedSale Sale(int minute, string cashier, params (string Code, decimal Quantity)[] lines) => new("T01", Start.AddMinutes(minute), cashier, lines);

    [Fact]
    public void A_scan_on_a_receipt_within_the_window_is_receipted_and_one_that_never_is_is_listed()
    {
        // Two teas and a cola scanned; the receipt 2 minutes later has one tea and the cola; the second tea never shows
        // (the terminal's next sale, 20 minutes on, says its receipts of that window are all in).
        var tallies = ScanReceiptCheck.Tally(
            [Scan(1, 0), Scan(2, 1), Scan(3, 1, Cola)],
            [Sale(3, "C07", (Tea, 1), (Cola, 1)), Sale(20, "C07", (Cola, 1))],
            Shanghai,
            Window,
            Start.AddMinutes(30));

        var tally = Assert.Single(tallies);
        Assert.Equal(("T01", "C07", new DateOnly(2026, 12, 5), 3), (tally.TerminalId, tally.CashierId, tally.Day, tally.Judged));
        Assert.Equal([2L], tally.Unreceipted.Select(s => s.Sequence));
    }

    [Fact]
    public void A_receipt_after_the_window_does_not_count_and_a_scan_is_judged_only_once_a_later_sale_is_in()
    {
        var tallies = ScanReceiptCheck.Tally(
            [Scan(1, 0), Scan(2, 25)],
            [Sale(11, "C07", (Tea, 2))],           // 11 minutes after the first scan: too late for it; before the second
            Shanghai,
            Window,
            Start.AddHours(1));                    // the second scan's window ended at 35, but no sale after it is in yet

        var tally = Assert.Single(tallies);
        Assert.Equal((1, 1), (tally.Judged, tally.Unreceipted.Count));
    }

    [Fact]
    public void Scans_are_charged_to_the_cashier_of_the_terminals_next_receipt_and_kept_per_terminal()
    {
        // T02 scanned but has no sale in: nothing of it is judged (its receipts may still be on their way).
        var tallies = ScanReceiptCheck.Tally(
            [Scan(1, 0), Scan(2, 20), Scan(3, 40), Scan(1, 0, terminal: "T02")],
            [Sale(5, "C07", (Cola, 1)), Sale(25, "C09", (Cola, 1)), Sale(60, "C09", (Cola, 1))],
            Shanghai,
            Window,
            Start.AddHours(2));

        Assert.Equal(
            [("T01", "C07", 1, 1), ("T01", "C09", 2, 2)],
            tallies.Select(t => (t.TerminalId, t.CashierId, t.Judged, t.Unreceipted.Count)));
    }

    [Theory]
    [InlineData(20, 1, false)]   // 5 % of 20: at the threshold, not above it
    [InlineData(20, 2, true)]    // 10 %: above
    [InlineData(19, 1, false)]   // 5.3 % but fewer scans than the minimum: not judged
    [InlineData(40, 3, true)]    // 7.5 %
    [InlineData(40, 2, false)]   // 5 % exactly
    public void The_rate_raises_only_above_the_threshold_with_enough_scans(int judged, int unreceipted, bool raises)
    {
        var options = new LossPreventionOptions { UnreceiptedRateThreshold = 0.05m, MinimumScans = 20 };
        var tally = new ScanReceiptTally("T01", "C07", new DateOnly(2026, 12, 5), judged, [.. Enumerable.Range(1, unreceipted).Select(i => Scan(i, i))]);

        Assert.Equal(raises, ScanReceiptCheck.Raises(tally, options));
    }
}
