using System.Globalization;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Devices.Till;

/// <summary>
/// Parses one line of the till line protocol: fields separated by '|', decimals with '.', times ISO-8601
/// with an offset. Fields past the ones a tag defines are ignored, so a till may add fields later.
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
        var fields = text.Split('|');
        switch (fields[0])
        {
            case "S":
                return TryParseStart(fields, out line, out error);
            case "L":
                return TryParseLine(fields, out line, out error);
            case "T":
                return TryParseTotal(fields, out line, out error);
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

        var kind = f[1].Trim().ToLowerInvariant();
        if (!SaleKinds.IsKnown(kind))
        {
            error = $"unknown sale kind '{Truncate(f[1])}' (sale, return or void)";
            return false;
        }

        if (!TryParseTime(f[3].Trim(), out var rungUpAt))
        {
            error = $"bad time '{Truncate(f[3])}' (ISO-8601 with offset, e.g. 2025-06-01T10:15:00+08:00)";
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

        var code = f[1].Trim();
        if (code.Length is 0 or > 64)
        {
            error = "item code must be 1-64 characters";
            return false;
        }

        if (!TryParseDecimal(f[2], "quantity", out var quantity, out error)
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

        var tenders = new List<TenderRecord>();
        foreach (var part in f[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var method = colon > 0 ? part[..colon].Trim().ToLowerInvariant() : "";
            if (method.Length is 0 or > 32 || !method.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
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

        line = new TillSaleTotal(total, tenders);
        return true;
    }

    private static bool HasFields(string[] f, int count, string shape, out string? error)
    {
        error = f.Length < count ? $"{f.Length} fields where {count} are needed ({shape})" : null;
        return error is null;
    }

    private static bool TryParseDecimal(string text, string what, out decimal value, out string? error)
    {
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }

        error = $"bad {what} '{Truncate(text)}'";
        return false;
    }

    private static bool TryParseTime(string text, out DateTimeOffset value)
    {
        var style = text.EndsWith('Z') ? DateTimeStyles.AssumeUniversal : DateTimeStyles.None;
        return DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, style, out value);
    }

    private static string? NullIfEmpty(string field)
    {
        var trimmed = field.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
