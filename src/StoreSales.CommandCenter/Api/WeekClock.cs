using Microsoft.Extensions.Options;
using StoreSales.Domain.SalesForce;

namespace StoreSales.CommandCenter.Api;

/// <summary>The chain's weeks by the injected clock: which week a request names (or the current one), and whether it is over.</summary>
public sealed class WeekClock(TimeProvider clock, IOptions<ChainCalendarOptions> calendar)
{
    public DateTimeOffset Now() => clock.GetUtcNow();

    /// <summary>The Monday of the named week, or of the current week when none is named; false for a malformed name.</summary>
    public bool TryWeek(string? name, out DateOnly monday)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            monday = ChainCalendar.WeekStart(ChainCalendar.DateOf(Now(), calendar.Value.Zone()));
            return true;
        }

        return ChainWeek.TryParse(name, out monday);
    }

    /// <summary>Whether the week starting on <paramref name="monday"/> has ended at <paramref name="now"/> (its Sunday is past).</summary>
    public bool HasEnded(DateOnly monday, DateTimeOffset now) => now >= ChainCalendar.StartOf(monday.AddDays(7), calendar.Value.Zone());
}
