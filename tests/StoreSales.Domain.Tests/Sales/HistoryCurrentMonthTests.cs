using StoreSales.Domain.Sales.History;

namespace StoreSales.Domain.Tests.Sales;

public sealed class HistoryCurrentMonthTests
{
    [Theory]
    [InlineData("2026-12-02", "2026-12-05T04:00:00Z", true)]    // an earlier day of this month
    [InlineData("2026-11-30", "2026-12-05T04:00:00Z", false)]   // last month: outside every live month figure
    [InlineData("2026-11-30", "2026-12-01T06:00:00Z", true)]    // UTC-12 (Baker Island) is still on the 30th at 06:00 UTC
    [InlineData("2026-11-30", "2026-12-01T12:00:00Z", false)]   // ...and has turned the month at 12:00 UTC
    [InlineData("2026-12-31", "2027-01-01T11:59:59Z", true)]    // across the year
    [InlineData("2025-12-31", "2026-12-05T04:00:00Z", false)]   // a year ago
    public void A_day_may_be_in_a_stores_current_month_while_any_zone_is_still_in_it(string day, string utcNow, bool may) =>
        Assert.Equal(may, HistoryCurrentMonth.MayHold(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture)));
}
