using StoreSales.Domain.Sales.History;

namespace StoreSales.Domain.Tests.Sales;

public sealed class HistoryRowRuleTests
{
    // Shanghai: UTC+8, no daylight saving. Berlin: the clocks moved forward at 02:00 on 2026-03-29 and back at 03:00 on 2026-10-25.
    private static readonly Dictionary<string, HistoryStore> Stores = new(StringComparer.Ordinal)
    {
        ["store-sh"] = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new DateOnly(2026, 12, 5)),
        ["store-be"] = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new DateOnly(2026, 12, 5)),
    };

    [Theory]
    [InlineData("2026-11-03 14:05:09", "2026-11-03T06:05:09Z", "2026-11-03T14:00:00")]   // store-local wall clock
    [InlineData("2026-11-03T14:05:09", "2026-11-03T06:05:09Z", "2026-11-03T14:00:00")]   // T instead of the space
    [InlineData("2026-11-03 06:05:09Z", "2026-11-03T06:05:09Z", "2026-11-03T14:00:00")]  // UTC: the store-local hour is 14
    [InlineData("2026-11-03 23:30:00+00:00", "2026-11-03T23:30:00Z", "2026-11-04T07:00:00")] // an offset; the local day is the next
    public void A_good_row_becomes_a_line_at_its_moment_and_store_local_hour(string time, string utc, string localHour)
    {
        var line = Line("store-sh", "T01", time, "6901234567892", "2", "19.90");

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), line.RungUpAt);
        Assert.Equal(line.RungUpAt.ToUnixTimeSeconds(), line.Sequence);
        Assert.Equal(DateTime.Parse(localHour, System.Globalization.CultureInfo.InvariantCulture), line.LocalHour);
        Assert.Equal(("hist:T01", 2000L, 1990L, 995L), (line.TerminalId, line.MilliUnits, line.Cents, line.UnitCents));
    }

    [Fact]
    public void A_wall_clock_time_passed_twice_is_read_as_standard_time() =>
        // 02:30 on 2026-10-25 happens at 00:30Z (summer time) and 01:30Z (standard time) in Berlin.
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T01:30:00Z", System.Globalization.CultureInfo.InvariantCulture), Line("store-be", "T1", "2026-10-25 02:30:00", "A", "1", "1").RungUpAt);

    [Theory]
    [InlineData("", "T01", "2026-11-03 14:05:09", "A", "1", "1.00", "store", HistoryRowRule.Required)]
    [InlineData("store-xx", "T01", "2026-11-03 14:05:09", "A", "1", "1.00", "store", HistoryRowRule.UnknownStore)]
    [InlineData("store-sh", "", "2026-11-03 14:05:09", "A", "1", "1.00", "terminal", HistoryRowRule.Required)]
    [InlineData("store-sh", "T 01", "2026-11-03 14:05:09", "A", "1", "1.00", "terminal", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T:01", "2026-11-03 14:05:09", "A", "1", "1.00", "terminal", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T01", "", "A", "1", "1.00", "time", HistoryRowRule.Required)]
    [InlineData("store-sh", "T01", "03/11/2026 14:05", "A", "1", "1.00", "time", HistoryRowRule.BadTime)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05", "A", "1", "1.00", "time", HistoryRowRule.BadTime)]        // no seconds
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09.5", "A", "1", "1.00", "time", HistoryRowRule.BadTime)]   // not whole seconds
    [InlineData("store-sh", "T01", "2026-02-30 14:05:09", "A", "1", "1.00", "time", HistoryRowRule.BadTime)]
    [InlineData("store-sh", "T01", "1999-12-31 23:59:59", "A", "1", "1.00", "time", HistoryRowRule.BadTime)]
    [InlineData("store-be", "T01", "2026-03-29 02:30:00", "A", "1", "1.00", "time", HistoryRowRule.BadTime)]     // the clocks skip it
    [InlineData("store-sh", "T01", "2026-12-05 00:00:00", "A", "1", "1.00", "time", HistoryRowRule.TodayOrLater)] // today, store-local
    [InlineData("store-sh", "T01", "2026-12-04 16:00:00Z", "A", "1", "1.00", "time", HistoryRowRule.TodayOrLater)] // 00:00 on the 5th in Shanghai
    [InlineData("store-sh", "T01", "2027-01-01 10:00:00", "A", "1", "1.00", "time", HistoryRowRule.TodayOrLater)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "", "1", "1.00", "item", HistoryRowRule.Required)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", " A", "1", "1.00", "item", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "", "1.00", "quantity", HistoryRowRule.Required)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "two", "1.00", "quantity", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "1,5", "1.00", "quantity", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "0.0001", "1.00", "quantity", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "-1", "1.00", "quantity", HistoryRowRule.NotPositive)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "0", "1.00", "quantity", HistoryRowRule.NotPositive)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "1", "", "amount", HistoryRowRule.Required)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "1", "1.005", "amount", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "1", "1,000.00", "amount", HistoryRowRule.Invalid)]
    [InlineData("store-sh", "T01", "2026-11-03 14:05:09", "A", "1", "-0.01", "amount", HistoryRowRule.Negative)]
    public void A_bad_row_is_refused_naming_its_column_and_reason(string store, string terminal, string time, string item, string quantity, string amount, string field, string reason)
    {
        var check = HistoryRowRule.Check(store, terminal, time, item, quantity, amount, Stores);

        Assert.Null(check.Line);
        Assert.Equal((field, reason), (check.Problem!.Field, check.Problem.Reason));
        Assert.False(string.IsNullOrWhiteSpace(check.Problem.Message));
    }

    [Fact]
    public void The_day_before_today_is_history_and_a_free_line_is_kept()
    {
        var line = Line("store-sh", "T01", "2026-12-04 23:59:59", "A", "0.125", "0");

        Assert.Equal((125L, 0L, 0L), (line.MilliUnits, line.Cents, line.UnitCents));
    }

    [Fact]
    public void A_line_with_another_field_count_than_the_header_is_a_problem_of_the_line() =>
        Assert.Equal((null, HistoryRowRule.BadShape), (HistoryRowRule.WrongShape(5, 6).Problem!.Field, HistoryRowRule.WrongShape(5, 6).Problem!.Reason));

    [Fact]
    public void A_header_must_name_each_column_once()
    {
        Assert.Empty(HistoryColumns.CheckHeader(["amount", "quantity", "item", "time", "terminal", "store"]));
        // An unknown column, one named twice, one missing: three sentences.
        Assert.Equal(3, HistoryColumns.CheckHeader(["store", "terminal", "time", "item", "quantity", "quantity", "receipt"]).Length);
    }

    private static HistoryLine Line(string store, string terminal, string time, string item, string quantity, string amount)
    {
        var check = HistoryRowRule.Check(store, terminal, time, item, quantity, amount, Stores);
        Assert.Null(check.Problem);
        return check.Line!.Value;
    }
}
