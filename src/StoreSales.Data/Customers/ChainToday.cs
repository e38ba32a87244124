using Microsoft.Extensions.Options;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.Customers;

/// <summary>
/// Today's date in the chain's calendar (<c>SalesForce:Calendar:TimeZone</c>) by the injected clock: what a service
/// period starts on and a due date is compared with, asked in one place.
/// </summary>
public sealed class ChainToday(TimeProvider clock, IOptions<ChainCalendarOptions> calendar)
{
    public DateOnly Date() => ChainCalendar.DateOf(clock.GetUtcNow(), calendar.Value.Zone());
}
