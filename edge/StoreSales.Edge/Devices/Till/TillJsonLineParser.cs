using System.Text.Json;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Devices.Till;

/// <summary>
/// Parses the JSON form of a till line: one object per line with a <c>type</c> (<c>start</c>, <c>line</c>,
/// <c>total</c>) and the fields of the matching pipe tag in camelCase, into the same <see cref="TillLine"/>
/// records, so everything after the parser cannot tell the two forms apart. Properties it does not know are
/// ignored (a till may add fields); a missing field, a value of the wrong JSON kind or one the pipe form would
/// refuse makes the line malformed, with the reason in words for the log.
/// </summary>
public static class TillJsonLineParser
{
    /// <summary>
    /// Deepest nesting accepted. The records need 3 (object, tenders array, tender); the rest is room for a till's
    /// own fields. The bound keeps a hostile line from costing a deep recursion.
    /// </summary>
    public const int MaxDepth = 16;

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = MaxDepth,
        // Two "total"s in one line: either could be the till's meaning, so the line is refused rather than guessed.
        AllowDuplicateProperties = false,
    };

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out TillLine? line, out string? error)
    {
        line = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            // The reader's own words say what broke (unclosed object, depth, duplicate); its position suffix is
            // about a multi-line document, so it is replaced by the byte offset in this one line.
            var message = ex.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            error = $"not a JSON object: {(position < 0 ? message : message[..position]).TrimEnd('.')} (at byte {ex.BytePositionInLine})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            if (!TryGetString(root, "type", required: true, out var type, out error))
            {
                return false;
            }

            switch (type)
            {
                case "start":
                    return TryParseStart(root, out line, out error);
                case "line":
                    return TryParseLine(root, out line, out error);
                case "total":
                    return TryParseTotal(root, out line, out error);
                case "z":
                    return TryParseZ(root, out line, out error);
                default:
                    error = $"unknown type '{TillLineParser.Truncate(type!)}' (start, line, total or z)";
                    return false;
            }
        }
    }

    private static bool TryParseStart(JsonElement o, out TillLine? line, out string? error)
    {
        line = null;
        if (!TryGetString(o, "kind", required: true, out var kindText, out error)
            || !TillLineParser.TryParseKind(kindText!, out var kind, out error)
            || !TryGetString(o, "time", required: true, out var timeText, out error)
            || !TillLineParser.TryParseTime(timeText!, out var rungUpAt, out error)
            || !TryGetString(o, "receiptNo", required: false, out var receiptNo, out error)
            || !TryGetString(o, "cashierId", required: false, out var cashierId, out error)
            || !TryGetString(o, "memberId", required: false, out var memberId, out error)
            || !TryGetString(o, "repId", required: false, out var repId, out error))
        {
            return false;
        }

        line = new TillSaleStart(
            kind,
            TillLineParser.NullIfEmpty(receiptNo),
            rungUpAt,
            TillLineParser.NullIfEmpty(cashierId),
            TillLineParser.NullIfEmpty(memberId),
            TillLineParser.NullIfEmpty(repId));
        return true;
    }

    private static bool TryParseLine(JsonElement o, out TillLine? line, out string? error)
    {
        line = null;
        if (!TryGetString(o, "itemCode", required: true, out var codeText, out error)
            || !TillLineParser.TryParseItemCode(codeText!, out var code, out error)
            || !TryGetDecimal(o, "quantity", "quantity", out var quantity, out error)
            || !TryGetDecimal(o, "unitPrice", "unit price", out var unitPrice, out error)
            || !TryGetDecimal(o, "discount", "discount", out var discount, out error)
            || !TryGetDecimal(o, "amount", "amount", out var amount, out error))
        {
            return false;
        }

        line = new TillSaleLine(code, quantity, unitPrice, discount, amount);
        return true;
    }

    private static bool TryParseZ(JsonElement o, out TillLine? line, out string? error)
    {
        line = null;
        if (!TryGetString(o, "zNumber", required: false, out var zNumber, out error)
            || !TryGetString(o, "businessDay", required: true, out var dayText, out error)
            || !TillLineParser.TryParseDay(dayText!, out var day, out error)
            || !TryGetString(o, "time", required: true, out var timeText, out error)
            || !TillLineParser.TryParseTime(timeText!, out var closedAt, out error)
            || !TryGetCount(o, "count", out var count, out error)
            || !TryGetDecimal(o, "gross", "gross", out var gross, out error)
            || !TryGetDecimal(o, "returns", "returns", out var returns, out error)
            || !TryGetCount(o, "voids", out var voids, out error)
            || !TryGetTenders(o, out var tenders, out error))
        {
            return false;
        }

        line = new TillZReport(TillLineParser.NullIfEmpty(zNumber), day, closedAt, count, gross, returns, voids, tenders);
        return true;
    }

    /// <summary>A whole number of 0 or more, as a JSON number (or a string holding one).</summary>
    private static bool TryGetCount(JsonElement o, string name, out int value, out string? error)
    {
        value = 0;
        if (!o.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = $"missing {name}";
            return false;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number => TillLineParser.TryParseCount(element.GetRawText(), name, out value, out error),
            JsonValueKind.String => TillLineParser.TryParseCount(element.GetString() ?? "", name, out value, out error),
            _ => Fail($"{name} must be a number, not {Describe(element.ValueKind)}", out error),
        };
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static bool TryParseTotal(JsonElement o, out TillLine? line, out string? error)
    {
        line = null;
        if (!TryGetDecimal(o, "total", "total", out var total, out error))
        {
            return false;
        }

        if (!TryGetTenders(o, out var tenders, out error))
        {
            return false;
        }

        line = new TillSaleTotal(total, tenders);
        return true;
    }

    private static bool TryGetTenders(JsonElement o, out List<TenderRecord> tenders, out string? error)
    {
        tenders = [];

        // Required like the pipe form's third field: a till that forgot its tenders must not look like a void.
        if (!o.TryGetProperty("tenders", out var tendersElement))
        {
            error = "missing tenders (an array of {method, amount}; [] for none)";
            return false;
        }

        if (tendersElement.ValueKind != JsonValueKind.Array)
        {
            error = "tenders must be an array of {method, amount}";
            return false;
        }

        foreach (var tender in tendersElement.EnumerateArray())
        {
            if (tender.ValueKind != JsonValueKind.Object)
            {
                error = "each tender must be an object {method, amount}";
                return false;
            }

            if (!TryGetString(tender, "method", required: true, out var methodText, out error)
                || !TryGetDecimal(tender, "amount", "tender amount", out var tenderAmount, out error))
            {
                error = $"tender {tenders.Count + 1}: {error}";
                return false;
            }

            if (!TillLineParser.TryParseTenderMethod(methodText!, out var method))
            {
                error = $"tender {tenders.Count + 1}: bad method '{TillLineParser.Truncate(methodText!)}' (1-32 of a-z 0-9 _ -)";
                return false;
            }

            tenders.Add(new TenderRecord { Method = method, Amount = tenderAmount });
        }

        error = null;
        return true;
    }

    /// <summary>A string property; an optional one may be missing or null.</summary>
    private static bool TryGetString(JsonElement o, string name, bool required, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!o.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = required ? $"missing {name}" : null;
            return error is null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"{name} must be a string, not {Describe(element.ValueKind)}";
            return false;
        }

        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no text.
            error = $"{name} is not valid text";
            return false;
        }
    }

    /// <summary>
    /// A decimal property: a JSON number, or a string holding one, read by the pipe form's rule (optional
    /// leading '-', digits, '.'; no exponent). The raw text of a number is parsed, never a double, so 3.10 stays 3.10.
    /// </summary>
    private static bool TryGetDecimal(JsonElement o, string name, string what, out decimal value, out string? error)
    {
        value = 0;
        if (!o.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = $"missing {name}";
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return TillLineParser.TryParseDecimal(element.GetRawText(), what, out value, out error);
            case JsonValueKind.String:
                return TryGetString(o, name, required: true, out var text, out error)
                    && TillLineParser.TryParseDecimal(text!, what, out value, out error);
            default:
                error = $"{name} must be a number, not {Describe(element.ValueKind)}";
                return false;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
