using System.Globalization;

namespace StoreSales.CommandCenter.Components.Boards;

/// <summary>Times on a board are the store's local time, whatever the viewer's own time zone.</summary>
public static class StoreTime
{
    public static string Format(DateTimeOffset at, string timeZone, string format)
    {
        try
        {
            return TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString(format, CultureInfo.CurrentCulture);
        }
        catch (TimeZoneNotFoundException)
        {
            return at.ToString("u", CultureInfo.InvariantCulture);
        }
    }
}
