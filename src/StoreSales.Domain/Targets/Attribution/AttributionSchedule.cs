namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// Which month's report is due (docs/domain.md, "Attribution report"): from <see cref="AttributionOptions.GenerateOnDay"/>
/// at <see cref="AttributionOptions.GenerateAt"/> chain time, the month before; until then, the month before that (its
/// day has passed). A report already stored is not due again: the generating grain asks the ledger.
/// </summary>
public static class AttributionSchedule
{
    public static DateOnly LatestDue(DateTimeOffset now, TimeZoneInfo chainZone, AttributionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var local = TimeZoneInfo.ConvertTime(now, chainZone).DateTime;
        var thisMonth = new DateOnly(local.Year, local.Month, 1);
        var generateFrom = thisMonth.AddDays(options.GenerateOnDay - 1).ToDateTime(options.GenerateAt);
        return thisMonth.AddMonths(local >= generateFrom ? -1 : -2);
    }
}
