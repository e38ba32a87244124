using System.Text.RegularExpressions;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Devices.Receipts;
using StoreSales.Edge.Simulator;

namespace StoreSales.Edge.Tests.Receipts;

public sealed class ReceiptParserTests
{
    private static ReceiptParseResult Parse(CompiledReceiptProfile profile, params string[] lines) =>
        new ReceiptParser(profile).Parse(new ReceiptDocument([], lines, ReceiptEnd.Cut, InReceipt: true, 0), "T01", new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero));

    private static SaleRecord ParseSale(CompiledReceiptProfile profile, params string[] lines)
    {
        var result = Parse(profile, lines);
        Assert.True(result.Outcome == ReceiptOutcome.Sale, result.Reason);
        return result.Sale!;
    }

    [Fact]
    public void The_simulator_profile_reads_what_the_simulator_prints()
    {
        var catalog = new[] { new CatalogItem("6920433218190", "Jasmine green tea 500ml", 3.50m), new CatalogItem("6993503056411", "Rice, 5kg", 39.90m) };
        var sale = new SimulatedSale("T01-20250601101530-0001", 46.55m, [])
        {
            RungUpAt = new DateTimeOffset(2025, 6, 1, 10, 15, 30, TimeSpan.FromHours(8)),
            CashierId = "C03",
            MemberId = "M12345678",
            Lines = [new SimulatedLine(catalog[0], 2, 0.35m, 6.65m), new SimulatedLine(catalog[1], 1, 0m, 39.90m)],
            Tenders = [("cash", 40.00m), ("wechat", 6.55m)],
        };

        var captured = Assert.Single(TestProfiles.Capture(TestProfiles.Load("simulator"), ReceiptPrinter.Render(sale, "T01")));

        Assert.Equal(ReceiptOutcome.Sale, captured.Result.Outcome);
        var record = captured.Result.Sale!;
        Assert.Equal(("T01", "sale", "T01-20250601101530-0001", "C03", "M12345678"), (record.TerminalId, record.Kind, record.ReceiptNumber, record.CashierId, record.MemberId));
        Assert.Equal(sale.RungUpAt, record.RungUpAt);
        Assert.Equal(46.55m, record.Total);
        Assert.Collection(
            record.Lines,
            l => Assert.Equal((1, "6920433218190", 2m, 3.50m, 0.35m, 6.65m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)),
            l => Assert.Equal((2, "6993503056411", 1m, 39.90m, 0m, 39.90m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)));
        Assert.Equal([("cash", 40.00m), ("wechat", 6.55m)], record.Tenders.Select(t => (t.Method, t.Amount)));
        Assert.False(captured.Result.TenderMismatch);
    }

    [Fact]
    public void Names_stand_for_items_without_a_code_and_change_comes_off_the_cash_tender()
    {
        var sale = ParseSale(
            TestProfiles.Compile(TestProfiles.Plain()),
            "No. 77",
            "Tea   cup   2 x 3.50 7.00",
            "   less 0.50",
            "Cola 1 x 3.00 3.00",
            "TOTAL 9.50",
            "PAID CARD 5.00",
            "PAID Cash 10.00",
            "CHANGE 5.50");

        Assert.Equal("77", sale.ReceiptNumber);
        Assert.Equal([("Tea cup", 0.50m, 6.50m), ("Cola", 0m, 3.00m)], sale.Lines.Select(l => (l.ItemCode, l.Discount, l.Amount)));
        Assert.Equal([("card", 5.00m), ("cash", 4.50m)], sale.Tenders.Select(t => (t.Method, t.Amount)));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero), sale.RungUpAt); // no time pattern: when it was captured
    }

    [Fact]
    public void A_time_without_offset_is_read_in_the_configured_time_zone()
    {
        var profile = TestProfiles.Compile(
            TestProfiles.Plain().With(new ReceiptProfile { Time = @"^Date (?<time>.+)$", TimeFormat = "dd.MM.yyyy HH:mm" }),
            timeZone: "Europe/Berlin");

        var summer = ParseSale(profile, "Date 01.07.2025 10:15", "Tea 1 x 1.00 1.00", "TOTAL 1.00");
        var winter = ParseSale(profile, "Date 01.12.2025 10:15", "Tea 1 x 1.00 1.00", "TOTAL 1.00");

        Assert.Equal(new DateTimeOffset(2025, 7, 1, 10, 15, 0, TimeSpan.FromHours(2)), summer.RungUpAt);
        Assert.Equal(TimeSpan.FromHours(1), winter.RungUpAt.Offset);
        Assert.Equal(ReceiptOutcome.Unparsed, Parse(profile, "Tea 1 x 1.00 1.00", "TOTAL 1.00").Outcome);
        Assert.Contains("does not read with the format", Parse(profile, "Date 32.13.2025 10:15", "Tea 1 x 1.00 1.00", "TOTAL 1.00").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_marker_makes_a_return_with_amounts_as_printed()
    {
        var profile = TestProfiles.Compile(TestProfiles.Plain().With(new ReceiptProfile { ReturnMarker = "^RETURN$" }));

        var sale = ParseSale(profile, "RETURN", "Tea -1 x 3.50 -3.50", "TOTAL -3.50", "PAID cash -3.50");

        Assert.Equal((SaleKinds.Return, -3.50m, -1m), (sale.Kind, sale.Total, sale.Lines[0].Quantity));
    }

    [Theory]
    [InlineData("no item line matched", "Hello", "TOTAL 1.00")]
    [InlineData("no total line matched", "Tea 1 x 1.00 1.00")]
    [InlineData("total 5.00 differs from the sum of the item lines 1.00", "Tea 1 x 1.00 1.00", "Lost line 4 @ 1.00 4.00", "TOTAL 5.00")]
    [InlineData("quantity 0", "Tea 0 x 1.00 0.00", "TOTAL 0.00")]
    [InlineData("discount line before any item line", "   less 1.00", "Tea 1 x 1.00 1.00", "TOTAL 1.00")]
    [InlineData("bad amount", "Tea 1 x 1.00 1.00", "TOTAL 1.00", "PAID cash 1.0.0.00")]
    public void A_receipt_the_profile_cannot_read_fully_is_unparsed_with_the_reason(string reason, params string[] lines)
    {
        var result = Parse(TestProfiles.Compile(TestProfiles.Plain().With(new ReceiptProfile { Tender = @"^PAID\s+(?<method>\S+)\s+(?<amount>\S+)$" })), lines);

        Assert.Equal(ReceiptOutcome.Unparsed, result.Outcome);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_may_accept_total_mismatches_and_they_are_flagged()
    {
        var profile = TestProfiles.Compile(TestProfiles.Plain().With(new ReceiptProfile { AcceptTotalMismatch = true }));

        var result = Parse(profile, "Tea 1 x 1.00 1.00", "TOTAL 0.90", "PAID cash 1.00");

        Assert.Equal(ReceiptOutcome.Sale, result.Outcome);
        Assert.True(result.TotalMismatch);
        Assert.True(result.TenderMismatch);
        Assert.Equal(0.90m, result.Sale!.Total);
    }

    [Fact]
    public void Text_outside_the_start_marker_is_ignored_unless_it_looks_like_a_receipt()
    {
        var parser = new ReceiptParser(TestProfiles.Compile(TestProfiles.Plain().With(new ReceiptProfile { StartMarker = "^SHOP$" })));
        var now = DateTimeOffset.UtcNow;

        var report = parser.Parse(new ReceiptDocument([], ["X-REPORT", "cash 120.00"], ReceiptEnd.Cut, false, 0), "T01", now);
        var garbled = parser.Parse(new ReceiptDocument([], ["SH0P", "Tea 1 x 1.00 1.00", "TOTAL 1.00"], ReceiptEnd.Cut, false, 0), "T01", now);

        Assert.Equal(ReceiptOutcome.Ignored, report.Outcome);
        Assert.Equal(ReceiptOutcome.Unparsed, garbled.Outcome);
    }

    [Fact]
    public void Wildcard_patterns_read_like_the_receipt()
    {
        var profile = TestProfiles.Compile(new ReceiptProfile
        {
            Syntax = "wildcard",
            Encoding = "gb18030",
            ReceiptNumber = "单号: {receipt}",
            Cashier = "*收银员: {cashier} *",
            Time = "日期: {time}",
            TimeFormat = "yyyy-MM-dd HH:mm:ss",
            ItemHeader = "{name}",
            Item = "{code} {quantity} {price} {amount}",
            Discount = "优惠 {amount}",
            Total = "*合计: {total}",
            Tender = "{method} {amount}",
            Change = "找零: {amount}",
            TenderMethods = new() { ["现金"] = "cash" },
        });

        var sale = ParseSale(
            profile,
            "单号:0012-0042",
            "机号:03  收银员：0107  张丽",
            "日期: 2025-06-01 10:15:30",
            "农夫山泉 550ml",
            "6921168509256   2   2.00   4.00",
            "  优惠   -0.50",
            "件数:2       合计:  3.50",
            "  现金   10.00",
            "找零: 6.50");

        Assert.Equal(("0012-0042", "0107"), (sale.ReceiptNumber, sale.CashierId));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 15, 30, TimeSpan.FromHours(8)), sale.RungUpAt);
        Assert.Equal(("6921168509256", 2m, 2.00m, 0.50m, 3.50m), (sale.Lines[0].ItemCode, sale.Lines[0].Quantity, sale.Lines[0].UnitPrice, sale.Lines[0].Discount, sale.Lines[0].Amount));
        Assert.Equal([("cash", 3.50m)], sale.Tenders.Select(t => (t.Method, t.Amount)));
    }

    [Fact]
    public void A_catastrophic_backtracking_pattern_reads_a_long_line_in_one_linear_pass()
    {
        // (a+)+b against a run of a's without the b takes 2^n steps in a backtracking engine: 2^100000 here,
        // longer than any test run. Finishing at all, with the cashier line skipped and the sale read, is the proof;
        // no clock is involved.
        var profile = TestProfiles.Compile(TestProfiles.Plain().With(new ReceiptProfile { Cashier = @"^(?<cashier>(a+)+)b$" }));

        var result = Parse(profile, new string('a', 100_000) + "c", "Tea 1 x 1.00 1.00", "TOTAL 1.00");

        Assert.Equal(ReceiptOutcome.Sale, result.Outcome);
        Assert.Null(result.Sale!.CashierId);
        Assert.Equal(RegexOptions.NonBacktracking, profile.Cashier!.Options & RegexOptions.NonBacktracking);
        Assert.Equal(Regex.InfiniteMatchTimeout, profile.Cashier.MatchTimeout);
    }

    [Theory]
    [InlineData(@"^(?<cashier>\w+) \k<cashier>$", "backreference")]
    [InlineData(@"^(?<cashier>\w+)(?=\s)", "lookahead")]
    [InlineData(@"(?<=Cashier:)(?<cashier>\w+)", "lookbehind")]
    [InlineData(@"^(?>(?<cashier>\w+))$", "atomic group")]
    public void A_pattern_that_needs_backtracking_is_refused_at_load_naming_the_property(string cashier, string construct)
    {
        var errors = new List<string>();

        var compiled = ReceiptProfiles.TryCompile(TestProfiles.Plain().With(new ReceiptProfile { Cashier = cashier }), "+08:00", errors);

        Assert.Null(compiled);
        var error = Assert.Single(errors);
        Assert.StartsWith("Cashier: uses a construct the agent does not run", error, StringComparison.Ordinal);
        Assert.True(error.Contains("linear time", StringComparison.Ordinal), $"{construct}: {error}");
    }

    [Fact]
    public void Every_pattern_of_a_loaded_profile_runs_without_backtracking_or_a_clock()
    {
        foreach (var name in new[] { "simulator", "zh-supermarket" })
        {
            var profile = TestProfiles.Load(name, timeZone: "+08:00");
            Regex?[] patterns =
            [
                profile.StartMarker, profile.EndMarker, profile.ReceiptNumber, profile.Cashier, profile.Member, profile.Time,
                profile.ItemHeader, profile.Item, profile.Discount, profile.Total, profile.Tender, profile.Change, profile.ReturnMarker,
            ];

            Assert.All(patterns.OfType<Regex>(), p =>
            {
                Assert.True(p.Options.HasFlag(RegexOptions.NonBacktracking), $"{name}: {p}");
                Assert.Equal(Regex.InfiniteMatchTimeout, p.MatchTimeout);
            });
        }
    }
}
