using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Data.Targets;

/// <summary>The table and key column of each level's monthly target (region_target, store_target, rep_target).</summary>
internal static class TargetTables
{
    public static (string Table, string Key) Of(TargetLevel level) => level switch
    {
        TargetLevel.Region => ("region_target", "region_id"),
        TargetLevel.Store => ("store_target", "store_id"),
        TargetLevel.Rep => ("rep_target", "rep_id"),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>A month as the target tables key it: its first day, as a date parameter.</summary>
    public static DateTime Key(DateOnly month) => TargetMonth.Of(month).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
}
