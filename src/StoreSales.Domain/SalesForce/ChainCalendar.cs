namespace StoreSales.Domain.SalesForce;

/// <summary>
/// Days as the chain counts them: calendar dates in the chain's time zone. "30 days without contact" means the
/// date, not the hour: contacted on 1 March at 17:00, the customer is 30 days out from the first minute of
/// 31 March. Rules of docs/domain.md ("The sales force") that count days use this one definition.
/// </summary>
public static class ChainCalendar
{
    /// <summary>The calendar date of a moment in the chain's time zone.</summary>
    public static DateOnly DateOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Whole calendar days from one moment's date to another's (negative when <paramref name="to"/> is earlier).</summary>
    public static int DaysBetween(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone) =>
        DateOf(to, zone).DayNumber - DateOf(from, zone).DayNumber;

    /// <summary>
    /// The first moment of a date in the chain's time zone: local midnight, or the first valid local time after it
    /// where a daylight-saving change skips midnight.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The Monday that starts the week of a date: the chain's weeks run Monday to Sunday, as China's calendars do.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
