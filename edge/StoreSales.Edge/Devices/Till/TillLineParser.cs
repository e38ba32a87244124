using System.Globalization;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Devices.Till;

/// <summary>
/// Parses one line of the till line protocol: fields separated by '|', decimals with '.', times ISO-8601
/// with an offset. Fields past the ones a tag defines are ignored, so a till may add fields later.
/// A line that starts with '{' is the JSON form of the same records (<see cref="TillJsonLineParser"/>);
/// both forms share the rules for each field below, so a value means the same whichever form carried it.
/// </summary>
public static class TillLineParser
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in words for the log.</summary>
    public static bool TryParse(string text, out TillLine? line, out string? error)
    {
        line = null;
        if (text.StartsWith('{'))
        {
            return TillJsonLineParser.TryParse(text, out line, out error);
        }

        var fields = text.Split('|');
        switch (fields[0])
        {
            case "S":
                return TryParseStart(fields, out line, out error);
            case "L":
                return TryParseLine(fields, out line, out error);
            case "T":
                return TryParseTotal(fields, out line, out error);
            case "Z":
                return TryParseZ(fields, out line, out error);
            default:
                error = $"unknown tag '{Truncate(fields[0])}'";
                return false;
        }
    }

    private static bool TryParseStart(string[] f, out TillLine? line, out string? error)
    {
        line = null;
        if (!HasFields(f, 7, "S|kind|receiptNo|time|cashierId|memberId|repId", out error))
        {
            return false;
        }

        if (!TryParseKind(f[1], out var kind, out error) || !TryParseTime(f[3], out var rungUpAt, out error))
        {
            return false;
        }

        line = new TillSaleStart(kind, NullIfEmpty(f[2]), rungUpAt, NullIfEmpty(f[4]), NullIfEmpty(f[5]), NullIfEmpty(f[6]));
        return true;
    }

    private static bool TryParseLine(string[] f, out TillLine? line, out string? error)
    {
        line = null;
        if (!HasFields(f, 6, "L|itemCode|quantity|unitPrice|discount|amount", out error))
        {
            return false;
        }

        if (!TryParseItemCode(f[1], out var code, out error)
            || !TryParseDecimal(f[2], "quantity", out var quantity, out error)
            || !TryParseDecimal(f[3], "unit price", out var unitPrice, out error)
            || !TryParseDecimal(f[4], "discount", out var discount, out error)
            || !TryParseDecimal(f[5], "amount", out var amount, out error))
        {
            return false;
        }

        line = new TillSaleLine(code, quantity, unitPrice, discount, amount);
        return true;
    }

    private static bool TryParseTotal(string[] f, out TillLine? line, out string? error)
    {
        line = null;
        if (!HasFields(f, 3, "T|total|method:amount[,method:amount...]", out error))
        {
            return false;
        }

        if (!TryParseDecimal(f[1], "total", out var total, out error))
        {
            return false;
        }

        if (!TryParseTenders(f[2], out var tenders, out error))
        {
            return false;
        }

        line = new TillSaleTotal(total, tenders);
        return true;
    }

    private static bool TryParseZ(string[] f, out TillLine? line, out string? error)
    {
        line = null;
        if (!HasFields(f, 9, "Z|zNumber|businessDay|time|count|gross|returns|voids|method:amount[,method:amount...]", out error))
        {
            return false;
        }

        if (!TryParseDay(f[2], out var day, out error)
            || !TryParseTime(f[3], out var closedAt, out error)
            || !TryParseCount(f[4], "count", out var count, out error)
            || !TryParseDecimal(f[5], "gross", out var gross, out error)
            || !TryParseDecimal(f[6], "returns", out var returns, out error)
            || !TryParseCount(f[7], "voids", out var voids, out error)
            || !TryParseTenders(f[8], out var tenders, out error))
        {
            return false;
        }

        line = new TillZReport(NullIfEmpty(f[1]), day, closedAt, count, gross, returns, voids, tenders);
        return true;
    }

    /// <summary><c>method:amount[,method:amount…]</c>; empty for none.</summary>
    private static bool TryParseTenders(string text, out List<TenderRecord> tenders, out string? error)
    {
        tenders = [];
        error = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (!TryParseTenderMethod(colon > 0 ? part[..colon] : "", out var method))
            {
                error = $"bad tender '{Truncate(part)}' (method:amount)";
                return false;
            }

            if (!TryParseDecimal(part[(colon + 1)..], "tender amount", out var amount, out error))
            {
                return false;
            }

            tenders.Add(new TenderRecord { Method = method, Amount = amount });
        }

        return true;
    }

    /// <summary>A business day, <c>yyyy-MM-dd</c>.</summary>
    internal static bool TryParseDay(string text, out DateOnly day, out string? error)
    {
        error = DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            ? null
            : $"bad business day '{Truncate(text)}' (yyyy-MM-dd)";
        return error is null;
    }

    /// <summary>A count: digits only, 0 or more.</summary>
    internal static bool TryParseCount(string text, string what, out int value, out string? error)
    {
        error = int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value)
            ? null
            : $"bad {what} '{Truncate(text)}' (a whole number, 0 or more)";
        return error is null;
    }

    private static bool HasFields(string[] f, int count, string shape, out string? error)
    {
        error = f.Length < count ? $"{f.Length} fields where {count} are needed ({shape})" : null;
        return error is null;
    }

    /// <summary>A sale kind: sale, return or void, in any case.</summary>
    internal static bool TryParseKind(string text, out string kind, out string? error)
    {
        kind = text.Trim().ToLowerInvariant();
        error = SaleKinds.IsKnown(kind) ? null : $"unknown sale kind '{Truncate(text)}' (sale, return or void)";
        return error is null;
    }

    /// <summary>An item code: 1-64 characters once trimmed.</summary>
    internal static bool TryParseItemCode(string text, out string code, out string? error)
    {
        code = text.Trim();
        error = code.Length is 0 or > 64 ? "item code must be 1-64 characters" : null;
        return error is null;
    }

    /// <summary>A tender method, lower-cased: 1-32 ASCII letters, digits, '_' or '-'.</summary>
    internal static bool TryParseTenderMethod(string text, out string method)
    {
        method = text.Trim().ToLowerInvariant();
        return method.Length is > 0 and <= 32 && method.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
    }

    /// <summary>A decimal as the till writes it: optional leading '-', digits, optional '.' and digits; no exponent, no grouping.</summary>
    internal static bool TryParseDecimal(string text, string what, out decimal value, out string? error)
    {
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }

        error = $"bad {what} '{Truncate(text)}'";
        return false;
    }

    /// <summary>An ISO-8601 time with an offset (or Z): a till's local time without one is ambiguous, so refused.</summary>
    internal static bool TryParseTime(string text, out DateTimeOffset value, out string? error)
    {
        var trimmed = text.Trim();
        var style = trimmed.EndsWith('Z') ? DateTimeStyles.AssumeUniversal : DateTimeStyles.None;
        error = DateTimeOffset.TryParseExact(trimmed, TimeFormats, CultureInfo.InvariantCulture, style, out value)
            ? null
            : $"bad time '{Truncate(text)}' (ISO-8601 with offset, e.g. 2025-06-01T10:15:00+08:00)";
        return error is null;
    }

    internal static string? NullIfEmpty(string? field)
    {
        var trimmed = field?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    internal static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
