namespace StoreSales.Domain.Targets;

/// <summary>
/// Whether a month's targets are frozen (docs/domain.md "Sales targets", freeze day). The month freezes at the first
/// instant after the freeze day ends in the store's own time zone, so a store in Urumqi freezes hours after one in
/// Shanghai; months already over are frozen, months to come are open.
/// </summary>
public static class TargetFreeze
{
    /// <summary>The instant <paramref name="month"/>'s targets freeze for a store in <paramref name="timeZone"/>.</summary>
    public static DateTimeOffset FreezesAt(DateOnly month, TimeZoneInfo timeZone, TargetFreezeOptions options)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(options);
        var firstFrozenDay = new DateOnly(month.Year, month.Month, options.FreezeDay).AddDays(1);
        var localMidnight = firstFrozenDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(localMidnight, timeZone.GetUtcOffset(localMidnight));
    }

    /// <summary>True when <paramref name="month"/>'s targets may no longer be edited directly at <paramref name="now"/>.</summary>
    public static bool IsFrozen(DateOnly month, TimeZoneInfo timeZone, DateTimeOffset now, TargetFreezeOptions options) =>
        now >= FreezesAt(month, timeZone, options);
}
