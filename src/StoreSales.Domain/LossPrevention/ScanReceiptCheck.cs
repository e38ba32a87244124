namespace StoreSales.Domain.LossPrevention;

/// <summary>A scan as the check reads it: which terminal, its sequence, when (agent clock), the item and units.</summary>
public sealed record CheckedScan(string TerminalId, long Sequence, DateTimeOffset ScannedAt, string Code, decimal Units);

/// <summary>A sale as the check reads it: terminal, when the agent captured it (the scans' clock), its cashier and its lines' items.</summary>
public sealed record CheckedSale(string TerminalId, DateTimeOffset CapturedAt, string? CashierId, IReadOnlyList<(string Code, decimal Quantity)> Lines);

/// <summary>One terminal's and cashier's day: scans judged (their window has passed), those unreceipted, and which.</summary>
public sealed record ScanReceiptTally(string TerminalId, string CashierId, DateOnly Day, int Judged, IReadOnlyList<CheckedScan> Unreceipted)
{
    public decimal Rate => Judged == 0 ? 0 : (decimal)Unreceipted.Count / Judged;
}

/// <summary>
/// Scan-vs-receipt (扫码未结账): an item scanned at a terminal should be on a receipt of that terminal within
/// <see cref="LossPreventionOptions.ScanToReceiptWindow"/>. Each sale line's quantity takes the earliest scans of its item
/// in the window before its capture; a scan none takes is unreceipted (scanned but not rung up, or voided after the
/// scan). A scan is judged only once its terminal has a sale captured after the scan's window ended: a terminal's sales
/// arrive in order, so its receipts of that window are all in by then (a sale still in the agent's outbox after an outage
/// never makes its scans look unreceipted); the scans after a terminal's last sale wait for its next one. Each scan is charged to the cashier of its terminal's
/// next receipt (the one logged in when it was scanned), else the previous one's, else <c>unknown</c>; counted per
/// store-local day of the scan.
/// </summary>
public static class ScanReceiptCheck
{
    public const string UnknownCashier = "unknown";

    public static IReadOnlyList<ScanReceiptTally> Tally(
        IReadOnlyList<CheckedScan> scans,
        IReadOnlyList<CheckedSale> sales,
        TimeZoneInfo timeZone,
        TimeSpan window,
        DateTimeOffset now)
    {
        var tallies = new Dictionary<(string Terminal, string Cashier, DateOnly Day), (int Judged, List<CheckedScan> Unreceipted)>();
        foreach (var terminal in scans.GroupBy(s => s.TerminalId, StringComparer.Ordinal))
        {
            var terminalSales = sales.Where(s => s.TerminalId == terminal.Key).OrderBy(s => s.CapturedAt).ToList();
            var receiptsIn = terminalSales.Count == 0 ? DateTimeOffset.MinValue : terminalSales[^1].CapturedAt;
            var judgedUntil = receiptsIn < now ? receiptsIn : now;
            // What each sale line still has to take: quantity left per (sale, item).
            var left = terminalSales.Select(s => s.Lines.GroupBy(l => l.Code, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(l => Math.Abs(l.Quantity)), StringComparer.Ordinal)).ToList();

            foreach (var scan in terminal.OrderBy(s => s.ScannedAt).ThenBy(s => s.Sequence))
            {
                if (scan.ScannedAt + window > judgedUntil)
                {
                    continue;
                }

                var receipted = false;
                for (var i = 0; i < terminalSales.Count && terminalSales[i].CapturedAt <= scan.ScannedAt + window; i++)
                {
                    if (terminalSales[i].CapturedAt >= scan.ScannedAt && left[i].TryGetValue(scan.Code, out var units) && units > 0)
                    {
                        left[i][scan.Code] = Math.Max(0, units - scan.Units);
                        receipted = true;
                        break;
                    }
                }

                var key = (terminal.Key, CashierOf(terminalSales, scan.ScannedAt), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(scan.ScannedAt, timeZone).DateTime));
                var tally = tallies.TryGetValue(key, out var found) ? found : (0, []);
                if (!receipted)
                {
                    tally.Item2.Add(scan);
                }

                tallies[key] = (tally.Item1 + 1, tally.Item2);
            }
        }

        return [.. tallies
            .OrderBy(t => t.Key.Day).ThenBy(t => t.Key.Terminal, StringComparer.Ordinal).ThenBy(t => t.Key.Cashier, StringComparer.Ordinal)
            .Select(t => new ScanReceiptTally(t.Key.Terminal, t.Key.Cashier, t.Key.Day, t.Value.Judged, t.Value.Unreceipted))];
    }

    /// <summary>True when the tally's unreceipted rate is above the threshold, with enough scans judged to say so.</summary>
    public static bool Raises(ScanReceiptTally tally, LossPreventionOptions options) =>
        tally.Judged >= options.MinimumScans && tally.Rate > options.UnreceiptedRateThreshold;

    private static string CashierOf(List<CheckedSale> sales, DateTimeOffset at)
    {
        var next = sales.FirstOrDefault(s => s.CapturedAt >= at && !string.IsNullOrEmpty(s.CashierId));
        var previous = sales.LastOrDefault(s => s.CapturedAt < at && !string.IsNullOrEmpty(s.CashierId));
        return next?.CashierId ?? previous?.CashierId ?? UnknownCashier;
    }
}
