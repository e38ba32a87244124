namespace StoreSales.Domain.SalesForce.Grading;

/// <summary>
/// Which date the nightly grading is due for (docs/domain.md, "RFM grade"): the latest chain-calendar date whose
/// <see cref="CustomerGradingOptions.NightlyAt"/> has passed. At 01:59 on 5 December that is 4 December (its run may
/// have been missed while the silo was down); from 02:00 it is 5 December. A date already graded is not due again, and
/// a run missed for several nights grades only the latest date: a past night's grade would be computed from today's
/// owners and profiles, and the latest grade is what the reps work with.
/// </summary>
public static class NightlyGradingSchedule
{
    /// <summary>The latest grading date whose run time has passed at <paramref name="now"/>.</summary>
    public static DateOnly LatestDue(DateTimeOffset now, TimeZoneInfo chainZone, TimeOnly nightlyAt)
    {
        var today = ChainCalendar.DateOf(now, chainZone);
        var local = TimeZoneInfo.ConvertTime(now, chainZone);
        return TimeOnly.FromTimeSpan(local.TimeOfDay) >= nightlyAt ? today : today.AddDays(-1);
    }

    /// <summary>The date to grade now, or null when the latest due date is graded already.</summary>
    public static DateOnly? DueNow(DateTimeOffset now, TimeZoneInfo chainZone, TimeOnly nightlyAt, DateOnly? lastGraded)
    {
        var due = LatestDue(now, chainZone, nightlyAt);
        return lastGraded is { } graded && graded >= due ? null : due;
    }
}
