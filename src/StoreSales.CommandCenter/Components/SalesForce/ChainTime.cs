using System.Globalization;

namespace StoreSales.CommandCenter.Components.SalesForce;

/// <summary>
/// Sales-force times are written in the chain's time zone (<c>SalesForce:Calendar:TimeZone</c>): due dates and the
/// golden 48 hours are the chain's calendar, whatever store or browser the viewer is in.
/// </summary>
public static class ChainTime
{
    public static string Format(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
