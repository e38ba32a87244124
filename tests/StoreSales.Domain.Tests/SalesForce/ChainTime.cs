using System.Globalization;

namespace StoreSales.Domain.Tests.SalesForce;

/// <summary>The demo chain's time zone (Shanghai, UTC+8, no daylight saving) for the sales-force rule tests.</summary>
internal static class ChainTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>A local moment in the chain: <c>At(2026, 11, 11, 2)</c> is 02:00 on 11 November 2026 in Shanghai.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, Offset);

    /// <summary>An ISO 8601 moment with its offset, as written in a test table.</summary>
    public static DateTimeOffset Parse(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
