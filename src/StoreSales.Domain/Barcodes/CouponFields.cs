namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Reads a coupon's digits left to right (<see cref="Gs1CouponCodes"/>): each read either moves past its field or returns
/// why it cannot, naming the field and where it starts (1-based), so the first broken field is the reason given.
/// </summary>
internal sealed class CouponFields(string value)
{
    private int _at;

    /// <summary>1-based position of the next digit.</summary>
    public int Position => _at + 1;

    /// <summary>Moves past <paramref name="fieldNumber"/> when it is the next digit: an optional field is present.</summary>
    public bool Take(char fieldNumber)
    {
        if (_at < value.Length && value[_at] == fieldNumber)
        {
            _at++;
            return true;
        }

        return false;
    }

    /// <summary>A one-digit code that must be one of <paramref name="allowed"/>.</summary>
    public string? Code(string name, string allowed) => Code(name, allowed, out _);

    public string? Code(string name, string allowed, out char code)
    {
        code = '\0';
        if (_at >= value.Length)
        {
            return $"{name} missing: the data ends at value position {value.Length}";
        }

        if (!allowed.Contains(value[_at], StringComparison.Ordinal))
        {
            return $"{name} {value[_at]} at value position {Position} must be one of {string.Join(", ", allowed.ToCharArray())}";
        }

        code = value[_at++];
        return null;
    }

    /// <summary>Exactly <paramref name="length"/> digits.</summary>
    public string? Field(string name, int length) => Field(name, length, out _);

    public string? Field(string name, int length, out string digits)
    {
        digits = "";
        if (value.Length - _at < length)
        {
            return $"{name} truncated: {length} digits needed from value position {Position}, {value.Length - _at} left";
        }

        digits = value.Substring(_at, length);
        _at += length;
        return null;
    }

    /// <summary>
    /// A field announced by its length indicator, one of <paramref name="indicators"/>: the field has that many digits,
    /// or six more with <paramref name="plusSix"/> (company prefixes, funder ids and serial numbers are at least six).
    /// </summary>
    public string? Sized(string name, string indicators, bool plusSix) => Sized(name, indicators, plusSix, out _);

    public string? Sized(string name, string indicators, bool plusSix, out string digits)
    {
        digits = "";
        return Code($"{name} length indicator", indicators, out var vli)
            ?? Field(name, vli - '0' + (plusSix ? 6 : 0), out digits);
    }

    /// <summary>A YYMMDD date (day 00 not allowed).</summary>
    public string? Date(string name, out string yymmdd)
    {
        var start = Position;
        if (Field(name, 6, out yymmdd) is { } error)
        {
            return error;
        }

        return Gs1Date.TryParseExact(yymmdd) is null ? $"{name} {yymmdd} at value position {start} is not a valid YYMMDD date" : null;
    }

    /// <summary>Nothing may follow the last field read.</summary>
    public string? Excess() =>
        _at < value.Length ? $"unexpected data {value[_at..]} at value position {Position} after the last coupon field" : null;
}
