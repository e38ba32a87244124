using StoreSales.Abstractions.Chain;
using StoreSales.Domain.Pacing;

namespace StoreSales.Grains.Sales;

/// <summary>
/// A store's rhythm as its own figures and its reps' figures are paced by it: master data (opening hours, zone) and the
/// hour-of-day × day-of-week profile learned from the store's own sales history (linear over opening hours without any).
/// </summary>
internal sealed record StorePace(StoreProfile Profile, TimeZoneInfo TimeZone, PacingProfile Pacing)
{
    /// <summary>Reads the store's master data and learns its profile from <paramref name="historyWeeks"/> weeks before today.</summary>
    public static async Task<StorePace> Load(IChainDirectory directory, string storeId, DateTimeOffset now, int historyWeeks, CancellationToken cancellationToken)
    {
        var profile = await directory.FindStore(storeId, cancellationToken)
            ?? throw new InvalidOperationException($"Store '{storeId}' is not in the chain's master data.");
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        var today = Today(timeZone, now);
        var history = await directory.GetHourlySalesHistory(storeId, today.AddDays(-7 * historyWeeks), today, cancellationToken);
        var pacing = history.Count == 0 ? PacingProfile.Linear(profile.Hours) : PacingProfile.FromHistory(history, profile.Hours);
        return new StorePace(profile, timeZone, pacing);
    }

    /// <summary>The local date of <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeZoneInfo zone, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    public DateTime LocalTime(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
}
