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
