using System.Globalization;
using System.Text.RegularExpressions;

namespace StoreSales.Domain.SalesForce;

/// <summary>
/// A week of the chain's calendar, Monday to Sunday, named as ISO 8601 names it (<c>2026-W49</c>: 30 November to
/// 6 December 2026). The chain's weeks and ISO's coincide: both start on Monday, and the week of 1 January that has
/// fewer than four days of the new year belongs to the year before.
/// </summary>
public static partial class ChainWeek
{
    /// <summary>The Monday of a week named <c>yyyy-Www</c>; false for anything else, or a week the year does not have.</summary>
    public static bool TryParse(string? text, out DateOnly monday)
    {
        monday = default;
        var match = Name().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var week = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return true;
    }

    /// <summary>The name of the week a date lies in: <c>2026-W49</c>.</summary>
    public static string NameOf(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
