using StoreSales.Edge.Devices.Receipts;
using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Simulator;

namespace StoreSales.Edge.Tests.Receipts;

/// <summary>Printed day-end reports (Z, 日结单) read by the shipped profiles' <c>ZReport</c> patterns into the same totals as the till's <c>Z</c> record.</summary>
public sealed class ZReportReceiptParserTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>A Chinese supermarket POS's 收银日结单 as it prints it: GB18030 in Chinese mode, a title, the day's figures, the takings per tender.</summary>
    private static byte[] ZhZ(params string[] body) => new EscPos(EscPos.Gb18030)
        .Init().ChineseOn()
        .Align(1).Size(0x11).Line("华联超市(徐汇店)").Size(0)
        .Lines(body)
        .Feed(4)
        .CutShort()
        .ToArray();

    public static TheoryData<string, string[], string?, DateOnly, int, decimal, decimal, int, (string, decimal)[]> ZhReports => new()
    {
        {
            "the full day-end report",
            ["收银日结单", "机号:03   收银员:0107", "日结单号:Z-0042", "营业日期:2025-06-01", "日期:2025-06-01 22:05:00",
             "--------------------------------", "销售笔数:152", "销售金额:8123.40", "退货金额:-35.00", "作废笔数:2",
             "--------------------------------", "现金:3100.00", "微信支付:2500.40", "  支付宝          2488.00", "银联卡:35.00"],
            "Z-0042", new DateOnly(2025, 6, 1), 152, 8123.40m, -35.00m, 2,
            [("cash", 3100.00m), ("wechat", 2500.40m), ("alipay", 2488.00m), ("card", 35.00m)]
        },
        {
            // No 营业日期 line: the day the report was printed (its time line) is the business day; 微信 and 微信支付 are one tender.
            "a Z报表 without a business day, returns or voids lines",
            ["Z报表", "Z号:118", "时间:2025-06-02 21:59:58", "交易笔数:3", "营业额:27.50", "微信:7.50", "微信支付:20.00"],
            "118", new DateOnly(2025, 6, 2), 3, 27.50m, 0m, 0,
            [("wechat", 27.50m)]
        },
    };

    [Theory]
    [MemberData(nameof(ZhReports))]
    public void The_zh_supermarket_profile_reads_a_printed_Z(string what, string[] body, string? number, DateOnly day, int count, decimal gross, decimal returns, int voids, (string, decimal)[] tenders)
    {
        var captured = Assert.Single(TestProfiles.Capture(TestProfiles.Load("zh-supermarket", "+08:00"), ZhZ(body)));

        Assert.True(captured.Result.Outcome == ReceiptOutcome.ZReport, $"{what}: {captured.Result.Outcome} {captured.Result.Reason}");
        var z = captured.Result.ZReport!;
        Assert.Equal(("T01", number, day, count, gross, returns, voids), (z.TerminalId, z.ZNumber, z.BusinessDay, z.Count, z.Gross, z.Returns, z.Voids));
        Assert.Equal(tenders, z.Tenders.Select(t => (t.Method, t.Amount)));
        Assert.Equal(Shanghai, z.ClosedAt.Offset);
    }

    [Theory]
    [InlineData(new[] { "收银日结单", "营业日期:2025-06-01", "销售笔数:152", "现金:3100.00" }, "no line matched the profile's ZReport:Gross pattern")]
    [InlineData(new[] { "收银日结单", "营业日期:2025-06-01", "销售金额:8123.40" }, "no line matched the profile's ZReport:Count pattern")]
    [InlineData(new[] { "收银日结单", "营业日期:2025-13-01", "销售笔数:1", "销售金额:1.00" }, "business day '2025-13-01' does not read")]
    public void A_printed_Z_without_its_figures_is_kept_unparsed_with_the_reason(string[] body, string reason)
    {
        var captured = Assert.Single(TestProfiles.Capture(TestProfiles.Load("zh-supermarket", "+08:00"), ZhZ(body)));

        Assert.Equal(ReceiptOutcome.Unparsed, captured.Result.Outcome);
        Assert.Contains(reason, captured.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sale_receipt_is_still_a_sale_under_a_profile_that_reads_Z_reports()
    {
        var captured = Assert.Single(TestProfiles.Capture(TestProfiles.Load("zh-supermarket", "+08:00"), ZhSupermarketProfileTests.CashReceipt()));

        Assert.Equal(ReceiptOutcome.Sale, captured.Result.Outcome);
        Assert.Null(captured.Result.ZReport);
    }

    [Fact]
    public void The_simulators_printed_Z_reads_as_the_Z_its_till_sends()
    {
        var generator = new SaleGenerator([new("6920433218190", "Jasmine tea", 3.50m), new("6993503056411", "Rice, 5kg", 39.90m)], "T01", new Random(5));
        var tally = new DayEndTally("T01");
        var morning = new DateTimeOffset(2025, 6, 1, 9, 0, 0, Shanghai);
        var sales = Enumerable.Range(0, 12).Select(i => generator.Next(morning.AddMinutes(7 * i))).ToList();
        sales.ForEach(tally.Add);
        var totals = tally.CloseDay(morning.AddHours(13));

        var captured = Assert.Single(TestProfiles.Capture(TestProfiles.Load("simulator"), ReceiptPrinter.RenderZ(totals)));

        Assert.True(captured.Result.Outcome == ReceiptOutcome.ZReport, $"{captured.Result.Outcome} {captured.Result.Reason}");
        var printed = captured.Result.ZReport!;
        Assert.True(TillLineParser.TryParse(totals.ToPipeLine(), out var line, out var error), error);
        var sent = Assert.IsType<TillZReport>(line);
        Assert.Equal(
            (sent.ZNumber, sent.BusinessDay, sent.ClosedAt, sent.Count, sent.Gross, sent.Returns, sent.Voids),
            (printed.ZNumber, printed.BusinessDay, printed.ClosedAt, printed.Count, printed.Gross, printed.Returns, printed.Voids));
        Assert.Equal(sent.Tenders, printed.Tenders);
        Assert.Equal((12, sales.Sum(s => s.Total)), (printed.Count, printed.Gross));
    }

    [Theory]
    [InlineData(null, "^SALES (?<count>\\d+)$", "^GROSS (?<amount>\\S+)$", null, "ZReport:Marker: a pattern is required")]
    [InlineData("^Z$", null, "^GROSS (?<amount>\\S+)$", null, "ZReport:Count: a pattern is required")]
    [InlineData("^Z$", "^SALES (?<n>\\d+)$", "^GROSS (?<amount>\\S+)$", null, "ZReport:Count: needs a group named 'count'")]
    [InlineData("^Z$", "^SALES (?<count>\\d+)$", "^GROSS (?<amount>\\S+)$", "^DAY (?<date>\\S+)$", "ZReport:BusinessDay: needs a group named 'day'")]
    public void A_Z_report_profile_without_what_it_needs_is_refused_naming_the_key(string? marker, string? count, string? gross, string? day, string error)
    {
        var errors = new List<string>();
        var profile = TestProfiles.Plain().With(new ReceiptProfile { ZReport = new ZReportProfile { Marker = marker, Count = count, Gross = gross, BusinessDay = day } });

        Assert.Null(ReceiptProfiles.TryCompile(profile, "+08:00", errors));
        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }
}
