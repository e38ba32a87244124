using System.Collections.Immutable;
using StoreSales.Abstractions.StoreEvents;
using StoreSales.Domain.Pacing;

namespace StoreSales.Grains.Sales;

/// <summary>
/// The events a store recorded in its current month and the closures among them: what the store grain and its reps'
/// grains both pace around, read the same way so that a rep's board never expects sales in hours its store is closed.
/// </summary>
internal sealed record StoreMonthEvents(ImmutableArray<StoreEventNow> Events, StoreClosures Closures)
{
    /// <summary>The events of the store-local month of <paramref name="today"/>: local midnight of the 1st to local midnight of the next 1st.</summary>
    public static async Task<StoreMonthEvents> Load(IStoreClosureReader reader, string storeId, TimeZoneInfo zone, DateOnly today, CancellationToken cancellationToken)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        var events = await reader.GetEvents(storeId, LocalMidnight(first, zone), LocalMidnight(first.AddMonths(1), zone), cancellationToken);
        var closures = StoreClosures.Of(events.Where(e => e.ClosesStore).Select(e => (e.StartsAt, e.EndsAt)), zone);
        return new StoreMonthEvents([.. events], closures);
    }

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
