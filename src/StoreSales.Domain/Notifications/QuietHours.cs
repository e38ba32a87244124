namespace StoreSales.Domain.Notifications;

/// <summary>
/// A person's quiet hours in their own time zone, e.g. 22:00–07:00. A window whose start is after its end runs across
/// midnight; equal start and end mean no quiet hours. The start is inside, the end is not (at 07:00 it is over).
/// What would be pushed inside them waits until they end (<see cref="DeliverableFrom"/>); the web inbox has it at once.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public bool IsEmpty => Start == End;

    /// <summary>Whether a local time of day falls inside the window.</summary>
    public bool Contains(TimeOnly local) =>
        !IsEmpty && (Start < End ? local >= Start && local < End : local >= Start || local < End);

    /// <summary>
    /// The first instant at or after <paramref name="now"/> outside the window, in the person's <paramref name="zone"/>:
    /// <paramref name="now"/> itself when outside, else the window's end (today's or tomorrow's local date).
    /// </summary>
    public DateTimeOffset DeliverableFrom(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!Contains(time))
        {
            return now;
        }

        // Inside: the end is today when it is still ahead on the local clock, else tomorrow (the window crossed midnight
        // and it is now before midnight).
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (time >= End)
        {
            endDate = endDate.AddDays(1);
        }

        var endLocal = endDate.ToDateTime(End);
        // An end that falls into a daylight-saving gap is taken as the first valid instant after it.
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(1);
        }

        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
