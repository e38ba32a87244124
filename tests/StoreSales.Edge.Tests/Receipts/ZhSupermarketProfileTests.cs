using StoreSales.Edge.Devices.Receipts;

namespace StoreSales.Edge.Tests.Receipts;

/// <summary>The shipped <c>zh-supermarket</c> profile on receipts as a Chinese supermarket POS prints them (GB18030, ESC/POS).</summary>
public sealed class ZhSupermarketProfileTests
{
    /// <summary>
    /// A cash sale: a logo, Chinese mode, a double-size store name, a name line per item then its code / quantity
    /// / unit price / amount line, a promotion discount, a weighed item, an e-invoice QR code, a drawer kick, a cut.
    /// </summary>
    public static byte[] CashReceipt() => new EscPos(EscPos.Gb18030)
        .Init()
        .Raster(widthBytes: 24, height: 16, i => (byte)(i * 37))          // the chain's logo
        .ChineseOn()
        .Align(1).Size(0x11).Line("华联超市(徐汇店)").Size(0)
        .Line("上海市徐汇区漕溪北路88号")
        .Line("电话:021-64648888")
        .Align(0)
        .Line("================================")
        .Line("单号:0012-20250601-0042")
        .Line("收银员:0107 张丽   机号:03")
        .Line("日期:2025-06-01 10:15:30")
        .Line("会员卡号:8800123456")
        .Line("--------------------------------")
        .Line("商品名称      数量   单价    金额")
        .Line("--------------------------------")
        .Line("农夫山泉天然水550ml")
        .Line("6921168509256    2   2.00    4.00")
        .Line("金龙鱼东北大米5kg")
        .Line("6922507000066    1  39.90   39.90")
        .Line("  优惠                     -2.00")
        .Line("散装红富士苹果(kg)")
        .Line("2700001012503 0.756 12.80    9.68")
        .Line("𠮷野家牛肉饭")                                                  // a 4-byte GB18030 character
        .Line("20481            1  15.00   15.00")                           // an in-store code
        .Line("--------------------------------")
        .Bold(true).Line("件数:5                合计:66.58").Bold(false)
        .Line("应收:66.58")
        .Line("实收:100.00")
        .Line("  现金                    100.00")
        .Line("找零:33.42")
        .Line("================================")
        .StatusQuery()                                                     // the POS asks the printer for paper
        .Align(1).Line("谢谢惠顾，欢迎再次光临！").Line("退换货请保留小票，7日内有效")
        .QrCode("https://fp.example.cn/i?n=0012202506010042")
        .Feed(4)
        .DrawerKick()
        .CutShort()
        .ToArray();

    public static byte[] WeChatReceipt(string receipt = "0012-20250601-0043", string amount = "7.50") => new EscPos(EscPos.Gb18030)
        .Init().ChineseOn()
        .Align(1).Line("华联超市(徐汇店)").Align(0)
        .Line($"单号:{receipt}")
        .Line("收银员:0107 张丽   机号:03")
        .Line("日期:2025-06-01 10:17:02")
        .Line("可口可乐330ml")
        .Line($"6928804011142    3   2.50    {amount}")
        .Line($"件数:3                合计:{amount}")
        .Line($"实收:{amount}")
        .Line($"  微信支付               {amount}")
        .Line("找零:0.00")
        .Feed(3)
        .Cut()
        .ToArray();

    [Fact]
    public void A_cash_receipt_becomes_a_sale_with_its_lines_total_and_tender()
    {
        var profile = TestProfiles.Load("zh-supermarket", timeZone: "Asia/Shanghai");

        var captured = Assert.Single(TestProfiles.Capture(profile, CashReceipt()));

        Assert.True(captured.Result.Outcome == ReceiptOutcome.Sale, captured.Result.Reason + "\n" + captured.Document.Text);
        var sale = captured.Result.Sale!;
        Assert.Equal(("0012-20250601-0042", "0107", "8800123456", "sale"), (sale.ReceiptNumber, sale.CashierId, sale.MemberId, sale.Kind));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 15, 30, TimeSpan.FromHours(8)), sale.RungUpAt);
        Assert.Equal(66.58m, sale.Total);
        Assert.Collection(
            sale.Lines,
            l => Assert.Equal((1, "6921168509256", 2m, 2.00m, 0m, 4.00m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)),
            l => Assert.Equal((2, "6922507000066", 1m, 39.90m, 2.00m, 37.90m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)),
            l => Assert.Equal((3, "2700001012503", 0.756m, 12.80m, 0m, 9.68m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)),
            l => Assert.Equal((4, "20481", 1m, 15.00m, 0m, 15.00m), (l.LineNumber, l.ItemCode, l.Quantity, l.UnitPrice, l.Discount, l.Amount)));
        Assert.Equal([("cash", 66.58m)], sale.Tenders.Select(t => (t.Method, t.Amount)));
        Assert.False(captured.Result.TenderMismatch);
        Assert.Contains("𠮷野家牛肉饭", captured.Document.Lines);
        Assert.Equal(0, captured.Document.UndecodableCharacters);
    }

    [Fact]
    public void Receipts_back_to_back_split_at_their_cuts_whatever_the_read_sizes()
    {
        var profile = TestProfiles.Load("zh-supermarket", timeZone: "+08:00");
        var stream = CashReceipt().Concat(WeChatReceipt()).Concat(WeChatReceipt("0012-20250601-0044", "5.00")).ToArray();

        foreach (var chunk in new[] { 1, 3, 64, stream.Length })
        {
            var capture = new ReceiptCapture(profile, "T01", TimeProvider.System);
            var receipts = new List<CapturedReceipt>();
            for (var i = 0; i < stream.Length; i += chunk)
            {
                capture.Feed(stream.AsSpan(i, Math.Min(chunk, stream.Length - i)), receipts);
            }

            Assert.Equal(3, receipts.Count);
            Assert.All(receipts, r => Assert.Equal(ReceiptOutcome.Sale, r.Result.Outcome));
            Assert.Equal(["0012-20250601-0042", "0012-20250601-0043", "0012-20250601-0044"], receipts.Select(r => r.Result.Sale!.ReceiptNumber));
            Assert.Equal([66.58m, 7.50m, 5.00m], receipts.Select(r => r.Result.Sale!.Total));
            Assert.Equal(("wechat", 7.50m), (receipts[1].Result.Sale!.Tenders[0].Method, receipts[1].Result.Sale!.Tenders[0].Amount));
            Assert.Equal(stream, receipts.SelectMany(r => r.Document.Raw).ToArray());
        }
    }

    [Fact]
    public void A_receipt_with_a_line_the_pattern_misses_is_unparsed_not_a_wrong_sale()
    {
        // A POS update prints the quantity as "2件": the item line no longer matches, so the total does not add up.
        var bytes = new EscPos(EscPos.Gb18030).Init().ChineseOn()
            .Line("单号:0012-20250601-0050").Line("收银员:0107").Line("日期:2025-06-01 11:00:00")
            .Line("农夫山泉天然水550ml").Line("6921168509256    2   2.00    4.00")
            .Line("可口可乐330ml").Line("6928804011142   2件   2.50    5.00")
            .Line("件数:4                合计:9.00").Line("  现金                      9.00")
            .Cut().ToArray();

        var captured = Assert.Single(TestProfiles.Capture(TestProfiles.Load("zh-supermarket", "+08:00"), bytes));

        Assert.Equal(ReceiptOutcome.Unparsed, captured.Result.Outcome);
        Assert.Contains("total 9.00 differs from the sum of the item lines 4.00", captured.Result.Reason, StringComparison.Ordinal);
        Assert.Equal(bytes, captured.Document.Raw);
    }

    [Fact]
    public void A_return_receipt_is_a_return()
    {
        var bytes = new EscPos(EscPos.Gb18030).Init().ChineseOn()
            .Align(1).Line("*** 退货单 ***").Align(0)
            .Line("单号:0012-20250601-0051").Line("收银员:0107").Line("日期:2025-06-01 11:05:00")
            .Line("可口可乐330ml").Line("6928804011142   -1   2.50   -2.50")
            .Line("合计:-2.50").Line("  现金                     -2.50")
            .Cut().ToArray();

        var sale = Assert.Single(TestProfiles.Capture(TestProfiles.Load("zh-supermarket", "+08:00"), bytes)).Result.Sale!;

        Assert.Equal(("return", -2.50m, -1m), (sale.Kind, sale.Total, sale.Lines[0].Quantity));
    }
}
