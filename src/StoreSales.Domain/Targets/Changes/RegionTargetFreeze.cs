namespace StoreSales.Domain.Targets.Changes;

/// <summary>
/// When a region's month target freezes: with the region's first store to freeze, the one furthest east (docs/domain.md
/// "Sales targets", freeze day). The region's target is the sum its stores are split from: once one store's month is
/// read-only, moving the region's total would move a frozen store's share, so the region freezes then. A region without
/// stores freezes in the chain's own time zone.
/// </summary>
public static class RegionTargetFreeze
{
    public static DateTimeOffset FreezesAt(DateOnly month, IEnumerable<TimeZoneInfo> storeZones, TimeZoneInfo chainZone, TargetFreezeOptions options)
    {
        ArgumentNullException.ThrowIfNull(storeZones);
        var first = (DateTimeOffset?)null;
        foreach (var zone in storeZones)
        {
            var at = TargetFreeze.FreezesAt(month, zone, options);
            if (first is null || at < first)
            {
                first = at;
            }
        }

        return first ?? TargetFreeze.FreezesAt(month, chainZone, options);
    }
}
