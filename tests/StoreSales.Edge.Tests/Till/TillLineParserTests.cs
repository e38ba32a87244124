using StoreSales.Edge.Devices.Till;

namespace StoreSales.Edge.Tests.Till;

public sealed class TillLineParserTests
{
    [Fact]
    public void Start_line_with_offset_time_and_optional_fields()
    {
        Assert.True(TillLineParser.TryParse("S|sale|R-0001|2025-06-01T10:15:30+08:00|C01|M123|", out var line, out var error), error);
        var start = Assert.IsType<TillSaleStart>(line);
        Assert.Equal("sale", start.Kind);
        Assert.Equal("R-0001", start.ReceiptNumber);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 15, 30, TimeSpan.FromHours(8)), start.RungUpAt);
        Assert.Equal("C01", start.CashierId);
        Assert.Equal("M123", start.MemberId);
        Assert.Null(start.RepId);
    }

    [Theory]
    [InlineData("2025-06-01T10:15:30.250+08:00")]
    [InlineData("2025-06-01T02:15:30.25Z")]
    [InlineData("2025-06-01T10:15+08:00")]
    public void Start_line_accepts_iso_times_with_an_offset(string time)
    {
        Assert.True(TillLineParser.TryParse($"S|return|R1|{time}|C1||", out var line, out var error), error);
        var utc = ((TillSaleStart)line!).RungUpAt.UtcDateTime;
        Assert.Equal((2, 15), (utc.Hour, utc.Minute));
    }

    [Fact]
    public void Item_and_total_lines()
    {
        Assert.True(TillLineParser.TryParse("L|6920433218190|2|3.50|0.35|6.65", out var item, out var error), error);
        Assert.Equal(new TillSaleLine("6920433218190", 2m, 3.50m, 0.35m, 6.65m), item);

        Assert.True(TillLineParser.TryParse("T|6.65|Cash:5.00,card:1.65", out var total, out error), error);
        var t = Assert.IsType<TillSaleTotal>(total);
        Assert.Equal(6.65m, t.Total);
        Assert.Equal(["cash", "card"], t.Tenders.Select(x => x.Method));
        Assert.Equal([5.00m, 1.65m], t.Tenders.Select(x => x.Amount));
    }

    [Fact]
    public void Extra_trailing_fields_are_ignored()
    {
        Assert.True(TillLineParser.TryParse("L|ABC-1|0.125|40.00|0|5.00|future", out var item, out var error), error);
        Assert.Equal(0.125m, ((TillSaleLine)item!).Quantity);
    }

    [Theory]
    [InlineData("X|1|2", "unknown tag")]
    [InlineData("", "unknown tag")]
    [InlineData("S|refund|R1|2025-06-01T10:15:30+08:00|C1||", "unknown sale kind")]
    [InlineData("S|sale|R1|2025-06-01 10:15:30|C1||", "bad time")]
    [InlineData("S|sale|R1|2025-06-01T10:15:30|C1||", "bad time")]
    [InlineData("S|sale|R1", "fields")]
    [InlineData("L|6920433218190|2|3,50|0|7.00", "bad unit price")]
    [InlineData("L|6920433218190|two|3.50|0|7.00", "bad quantity")]
    [InlineData("L|6920433218190|2|3.50|0|1e3", "bad amount")]
    [InlineData("L||2|3.50|0|7.00", "item code")]
    [InlineData("T|7.00|cash7.00", "bad tender")]
    [InlineData("T|7.00|cash:abc", "bad tender amount")]
    [InlineData("T|seven|cash:7.00", "bad total")]
    public void Malformed_lines_say_why(string text, string reason)
    {
        Assert.False(TillLineParser.TryParse(text, out var line, out var error));
        Assert.Null(line);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
