namespace StoreSales.Domain.Barcodes;

/// <summary>
/// GS1 YYMMDD dates. DD = 00 means only year and month are given; it is read as the last day of that month
/// (the safe reading for expiry and best-before). The century follows GS1 General Specifications 7.12 when
/// the current year is known, otherwise YY is 20YY.
/// </summary>
public static class Gs1Date
{
    /// <summary>The date, or null when month or day is out of range or the text is not six digits.</summary>
    public static DateOnly? TryParse(string yymmdd, int? currentYear = null)
    {
        if (yymmdd.Length != 6 || !yymmdd.All(char.IsAsciiDigit))
        {
            return null;
        }

        var yy = Two(yymmdd, 0);
        var month = Two(yymmdd, 2);
        var day = Two(yymmdd, 4);
        if (month is < 1 or > 12)
        {
            return null;
        }

        var year = currentYear is { } now ? ResolveCentury(yy, now) : 2000 + yy;
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day > daysInMonth)
        {
            return null;
        }

        return new DateOnly(year, month, day == 0 ? daysInMonth : day);
    }

    /// <summary>A YYMMDD date where DD = 00 is not allowed (the dictionary's "yymmdd" linter), or null.</summary>
    public static DateOnly? TryParseExact(string yymmdd, int? currentYear = null) =>
        yymmdd.EndsWith("00", StringComparison.Ordinal) ? null : TryParse(yymmdd, currentYear);

    /// <summary>A YYYYMMDD date (the "yyyymmdd"/"yyyymmd0" linters); DD = 00 is the last day of the month when allowed.</summary>
    public static DateOnly? TryParseFullYear(string yyyymmdd, bool dayZeroAllowed)
    {
        if (yyyymmdd.Length != 8 || !yyyymmdd.All(char.IsAsciiDigit))
        {
            return null;
        }

        var year = Two(yyyymmdd, 0) * 100 + Two(yyyymmdd, 2);
        var month = Two(yyyymmdd, 4);
        var day = Two(yyyymmdd, 6);
        if (year < 1 || month is < 1 or > 12 || day > DateTime.DaysInMonth(year, month) || (day == 0 && !dayZeroAllowed))
        {
            return null;
        }

        return new DateOnly(year, month, day == 0 ? DateTime.DaysInMonth(year, month) : day);
    }

    /// <summary>
    /// GS1 7.12: a YY 51–99 years ahead of this year is in the previous century, one 50–99 years behind is in the
    /// next; otherwise it is in this century. Keeps a 1999 production date and a 2031 expiry both right in 2030.
    /// </summary>
    public static int ResolveCentury(int yy, int currentYear)
    {
        var century = currentYear / 100 * 100;
        var difference = yy - currentYear % 100;
        if (difference >= 51)
        {
            century -= 100;
        }
        else if (difference <= -50)
        {
            century += 100;
        }

        return century + yy;
    }

    private static int Two(string s, int at) => (s[at] - '0') * 10 + (s[at + 1] - '0');
}
