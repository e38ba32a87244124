using StoreSales.Domain.ContractToCash;

namespace StoreSales.Domain.Tests.ContractToCash;

/// <summary>
/// An unpaid instalment alerts once the customer's own calendar is OverdueAfterDays (3 by default) past its due date:
/// the day boundary is the customer's midnight, not UTC's; payments settle the first instalment first.
/// </summary>
public sealed class InstalmentOverdueTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Urumqi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi");
    private static readonly DateOnly Due = new(2026, 12, 1);

    [Theory]
    // instant (UTC),          zone,        days, overdue
    [InlineData("2026-12-03T15:59:59Z", "Asia/Shanghai", 3, false)]   // 23:59:59 on 3 Dec in Shanghai: 2 days past due
    [InlineData("2026-12-03T16:00:00Z", "Asia/Shanghai", 3, true)]    // 00:00 on 4 Dec in Shanghai: 3 days past due
    [InlineData("2026-12-03T17:59:59Z", "Asia/Urumqi", 3, false)]     // Urumqi (+06) is still on 3 Dec
    [InlineData("2026-12-03T18:00:00Z", "Asia/Urumqi", 3, true)]      // its own midnight
    [InlineData("2026-12-01T12:00:00Z", "Asia/Shanghai", 0, true)]    // 0 days: due today alerts today
    [InlineData("2026-11-30T15:59:59Z", "Asia/Shanghai", 0, false)]   // … not the evening before
    [InlineData("2026-12-04T03:00:00Z", "America/New_York", 3, false)] // 4 Dec in UTC, but 22:00 on 3 Dec for a customer in New York
    public void The_day_boundary_is_the_customers_midnight(string instant, string zone, int days, bool overdue)
    {
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(overdue, InstalmentOverdue.IsOverdue(Due, now, TimeZoneInfo.FindSystemTimeZoneById(zone), days));
    }

    [Fact]
    public void The_first_alerting_instant_is_the_customers_midnight_of_due_plus_the_days()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero), InstalmentOverdue.AlertsFrom(Due, Shanghai, 3));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.Zero), InstalmentOverdue.AlertsFrom(Due, Urumqi, 3));
    }

    [Theory]
    // paid,   overdue instalments (seq)
    [InlineData(0, "1|2")]
    [InlineData(33_899.99, "1|2")]   // a cent short of the first: both still open
    [InlineData(33_900, "2")]        // the first settled
    [InlineData(113_000, "")]        // everything paid
    public void Payments_settle_the_first_instalment_first(decimal paid, string overdue)
    {
        IReadOnlyList<InstalmentDue> plan = [new(1, new DateOnly(2026, 11, 10), 33_900), new(2, new DateOnly(2026, 11, 20), 79_100), new(3, null, 0.01m)];
        var now = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

        var found = InstalmentOverdue.Overdue(plan, paid, now, Shanghai, 3);

        Assert.Equal(overdue.Length == 0 ? [] : overdue.Split('|'), found.Select(s => s.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
