using System.Globalization;

namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The content checks ("linters") the GS1 Barcode Syntax Dictionary names on its components, written from their
/// published descriptions (gs1/gs1-syntax-dictionary, src/lint_*.c). Each returns why the component is wrong, or
/// null. "couponcode" and "couponposoffer" (the North American coupon layouts of AIs 8110 and 8112) are in
/// <see cref="Gs1CouponCodes"/>. A linter a newer dictionary names and this code does not know is accepted with a note
/// (<see cref="IsImplemented"/>). "gcppos1"/"gcppos2" check what GS1's reference does without a GS1 Company
/// Prefix data source: that the company prefix position holds at least four digits.
/// </summary>
public static class Gs1Linters
{
    private const int GcpMinLength = 4;
    private const string Cset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    // GS1 AI encodable character set 82 in its published order: the weights of the csumalpha check pair.
    private const string Cset82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    private static readonly HashSet<string> Implemented = new(StringComparer.Ordinal)
    {
        "csum", "csumalpha", "gcppos1", "gcppos2", "yymmd0", "yymmdd", "yyyymmd0", "yyyymmdd", "hh", "mi", "ss", "hhmi",
        "iso3166", "iso3166999", "iso3166alpha2", "iso4217", "iban", "nonzero", "zero", "yesno", "winding", "iso5218",
        "hyphen", "importeridx", "mediatype", "packagetype", "pcenc", "pieceoftotal", "posinseqslash", "latitude",
        "longitude", "nozeroprefix", "hasnondigit", "couponcode", "couponposoffer",
    };

    public static bool IsImplemented(string linter) => Implemented.Contains(linter);

    /// <summary>True when <paramref name="c"/> is in the component character set N, X, Y or Z (Z without its '=' padding).</summary>
    public static bool InCharset(char charset, char c) => charset switch
    {
        'N' => char.IsAsciiDigit(c),
        'X' => Cset82.Contains(c, StringComparison.Ordinal),
        'Y' => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c is '#' or '-' or '/',
        'Z' => char.IsAsciiLetterOrDigit(c) || c is '-' or '_',
        _ => false,
    };

    public static string CharsetName(char charset) => charset switch
    {
        'N' => "digits only",
        'X' => "GS1 character set 82",
        'Y' => "GS1 character set 39",
        _ => "GS1 character set 64 (base64url)",
    };

    /// <summary>Why <paramref name="value"/> fails <paramref name="linter"/>, or null when it passes or the linter is not implemented.</summary>
    public static string? Check(string linter, string value, int? currentYear) => linter switch
    {
        "csum" => CheckDigit(value),
        "csumalpha" => CheckPair(value),
        "gcppos1" => CompanyPrefix(value),
        "gcppos2" => value.Length < 1 ? "too short to hold a GS1 Company Prefix" : CompanyPrefix(value[1..]),
        "yymmd0" => Gs1Date.TryParse(value, currentYear) is null ? $"invalid date {value} (YYMMDD)" : null,
        "yymmdd" => Gs1Date.TryParseExact(value, currentYear) is null ? $"invalid date {value} (YYMMDD, day 00 not allowed)" : null,
        "yyyymmd0" => Gs1Date.TryParseFullYear(value, dayZeroAllowed: true) is null ? $"invalid date {value} (YYYYMMDD)" : null,
        "yyyymmdd" => Gs1Date.TryParseFullYear(value, dayZeroAllowed: false) is null ? $"invalid date {value} (YYYYMMDD)" : null,
        "hh" => Within(value, 23) ? null : $"invalid hour {value}",
        "mi" => Within(value, 59) ? null : $"invalid minute {value}",
        "ss" => Within(value, 59) ? null : $"invalid second {value}",
        "hhmi" => value.Length == 4 && Within(value[..2], 23) && Within(value[2..], 59) ? null : $"invalid time {value} (HHMI)",
        "iso3166" => Gs1CodeLists.Contains("iso3166", value) ? null : $"{value} is not an ISO 3166 numeric country code",
        "iso3166999" => value == "999" || Gs1CodeLists.Contains("iso3166", value) ? null : $"{value} is not an ISO 3166 numeric country code or 999",
        "iso3166alpha2" => Gs1CodeLists.Contains("iso3166alpha2", value) ? null : $"{value} is not an ISO 3166 alpha-2 country code",
        "iso4217" => Gs1CodeLists.Contains("iso4217", value) ? null : $"{value} is not an ISO 4217 numeric currency code",
        "packagetype" => Gs1CodeLists.Contains("packagetype", value) ? null : $"{value} is not a GS1 PackageTypeCode",
        "iban" => Iban(value),
        "nonzero" => value.All(c => c == '0') ? "must not be zero" : null,
        "zero" => value == "0" ? null : "must be 0",
        "yesno" => value is "0" or "1" ? null : "must be 0 (no) or 1 (yes)",
        "winding" => value is "0" or "1" or "9" ? null : "winding direction must be 0, 1 or 9",
        "iso5218" => value is "0" or "1" or "2" or "9" ? null : "must be an ISO/IEC 5218 code 0, 1, 2 or 9",
        "hyphen" => value.Length > 0 && value.All(c => c == '-') ? null : "must be '-'",
        "importeridx" => value.Length == 1 && (char.IsAsciiLetterOrDigit(value[0]) || value[0] is '-' or '_') ? null : "importer index must be one of 0-9, A-Z, a-z, '-', '_'",
        "mediatype" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var media) && value.Length == 2 && (media is >= 1 and <= 10 or >= 80)
            ? null
            : $"{value} is not an AIDC media type (01–10, 80–99)",
        "pcenc" => PercentEncoding(value),
        "pieceoftotal" => PieceOfTotal(value),
        "posinseqslash" => PositionInSequence(value),
        "latitude" => Degrees(value, 1_800_000_000, "latitude"),
        "longitude" => Degrees(value, 3_600_000_000, "longitude"),
        "nozeroprefix" => value.StartsWith('0') ? "must not start with 0" : null,
        "hasnondigit" => value.All(char.IsAsciiDigit) ? "must contain a character that is not a digit" : null,
        "couponcode" => Gs1CouponCodes.CouponCode(value),
        "couponposoffer" => Gs1CouponCodes.PositiveOfferCoupon(value),
        _ => null,
    };

    private static string? CheckDigit(string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            return "a check digit needs digits";
        }

        var expected = Gtin.ComputeCheckDigit(value.AsSpan(0, value.Length - 1));
        var actual = value[^1] - '0';
        return expected == actual ? null : $"bad check digit {actual} in {value}";
    }

    // ISO/IEC 7064 style pair over character set 82 with prime weights, modulo 1021 (GS1 General Specifications 7.9.5).
    private static string? CheckPair(string value)
    {
        if (value.Length < 2)
        {
            return "too short for its check character pair";
        }

        var sum = 0L;
        var body = value.Length - 2;
        for (var i = 0; i < body; i++)
        {
            sum += Cset82.IndexOf(value[i], StringComparison.Ordinal) * (long)Primes[body - 1 - i];
        }

        sum %= 1021;
        var pair = $"{Cset32[(int)(sum >> 5)]}{Cset32[(int)(sum & 31)]}";
        return value[^2..] == pair ? null : $"bad check character pair {value[^2..]} in {value} (expected {pair})";
    }

    private static readonly int[] Primes = Enumerable.Range(2, 600).Where(IsPrime).Take(97).ToArray();

    private static bool IsPrime(int n) => Enumerable.Range(2, Math.Max(0, (int)Math.Sqrt(n) - 1)).All(d => n % d != 0);

    private static string? CompanyPrefix(string value)
    {
        if (value.Length < GcpMinLength)
        {
            return "too short to hold a GS1 Company Prefix";
        }

        return value.Take(GcpMinLength).All(char.IsAsciiDigit) ? null : "a GS1 Company Prefix starts with at least four digits";
    }

    private static bool Within(string two, int max) =>
        two.Length == 2 && two.All(char.IsAsciiDigit) && int.Parse(two, CultureInfo.InvariantCulture) <= max;

    private static string? Iban(string value)
    {
        if (value.Length < 4)
        {
            return "IBAN too short";
        }

        if (!Gs1CodeLists.Contains("iso3166alpha2", value[..2]))
        {
            return $"IBAN country code {value[..2]} is not an ISO 3166 alpha-2 code";
        }

        if (value.Length is <= 10 or > 34)
        {
            return $"IBAN must have 11 to 34 characters (has {value.Length})";
        }

        var remainder = 0;
        foreach (var c in value[4..] + value[..4])
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return $"character '{c}' is not allowed in an IBAN";
            }

            remainder = (remainder * (digit < 10 ? 10 : 100) + digit) % 97;
        }

        return remainder == 1 ? null : "IBAN check digits do not match";
    }

    private static string? PercentEncoding(string value)
    {
        for (var i = value.IndexOf('%', StringComparison.Ordinal); i >= 0; i = value.IndexOf('%', i + 1))
        {
            if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
            {
                return $"bad percent-encoding at character {i + 1}";
            }
        }

        return null;
    }

    private static string? PieceOfTotal(string value)
    {
        if (value.Length == 0 || value.Length % 2 != 0)
        {
            return "piece and total must have the same number of digits";
        }

        var piece = value[..(value.Length / 2)];
        var total = value[(value.Length / 2)..];
        if (piece.All(c => c == '0'))
        {
            return "piece number must not be zero";
        }

        if (total.All(c => c == '0'))
        {
            return "total number of pieces must not be zero";
        }

        return string.CompareOrdinal(piece, total) > 0 ? $"piece {piece} exceeds the total {total}" : null;
    }

    private static string? PositionInSequence(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var position = slash < 0 ? string.Empty : value[..slash];
        var end = slash < 0 ? string.Empty : value[(slash + 1)..];
        if (position.Length == 0 || end.Length == 0 || !position.All(char.IsAsciiDigit) || !end.All(char.IsAsciiDigit))
        {
            return "must be position/end, e.g. 1/2";
        }

        if (position[0] == '0' || end[0] == '0')
        {
            return "position and end must not start with 0";
        }

        return position.Length > end.Length || (position.Length == end.Length && string.CompareOrdinal(position, end) > 0)
            ? $"position {position} exceeds the end {end}"
            : null;
    }

    private static string? Degrees(string value, long max, string what) =>
        value.Length == 10 && value.All(char.IsAsciiDigit) && long.Parse(value, CultureInfo.InvariantCulture) <= max ? null : $"invalid {what} {value}";
}
