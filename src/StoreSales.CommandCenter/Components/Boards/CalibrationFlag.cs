using System.Globalization;
using StoreSales.Abstractions.Stores;
using StoreSales.Domain.Targets;

namespace StoreSales.CommandCenter.Components.Boards;

/// <summary>
/// The store board's "red ahead" calibration flag (DOMAIN.md: ahead by more than the red band means the target is
/// probably wrong) leads to the store's decomposition: its region, the store's current local month, the store.
/// </summary>
public static class CalibrationFlag
{
    /// <summary>The decomposition page of the store's month when its day or month is red and ahead, else null.</summary>
    public static string? Link(StoreProgress progress)
    {
        if (!IsRedAhead(progress.Month) && !IsRedAhead(progress.Day))
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(progress.TimeZone);
        var month = TimeZoneInfo.ConvertTime(progress.UpdatedAt, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return $"/targets/decomposition/{Uri.EscapeDataString(progress.RegionId)}/{month}?store={Uri.EscapeDataString(progress.StoreId)}";
    }

    private static bool IsRedAhead(PeriodProgress period) => period.Status == TargetBand.Red && period.Direction == PaceDirection.Ahead;
}
