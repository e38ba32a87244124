using System.Globalization;

namespace StoreSales.Domain.Targets.Changes;

/// <summary>A target month as URLs and forms write it (<c>yyyy-MM</c>), held as its first day, as the target tables key it.</summary>
public static class TargetMonth
{
    public const string Format = "yyyy-MM";

    /// <summary>The first day of the month <paramref name="text"/> names, or null when it is not <c>yyyy-MM</c>.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    public static string Text(DateOnly month) => month.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The month that contains <paramref name="day"/>, as its first day.</summary>
    public static DateOnly Of(DateOnly day) => new(day.Year, day.Month, 1);
}
