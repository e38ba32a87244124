namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Checks one AI's data field against its dictionary definition and interprets it. The field is cut into its
/// components as the dictionary prescribes (each consumes its length from the front; optional ones may be absent
/// once the data is exhausted), each component's characters are checked against its character set, then its
/// linters run. Shared by the raw (GS-separated) and the human-readable (parenthesised) readers so both reject
/// exactly the same things.
/// </summary>
internal static class Gs1ValueReader
{
    /// <summary>The element, or an error naming the AI and the 1-based position of the AI in the element string.</summary>
    public static (Gs1Element? Element, string? Error) Read(Gs1ApplicationIdentifier ai, string value, int position, int? currentYear)
    {
        string Fail(string what) => $"{ai.Label} at position {position}: {what}";

        if (value.Length < ai.MinLength || value.Length > ai.MaxLength)
        {
            return (null, Fail(ai.MinLength == ai.MaxLength
                ? $"value has {value.Length} characters, must have {ai.MaxLength}"
                : $"value has {value.Length} characters, must have {ai.MinLength} to {ai.MaxLength}"));
        }

        var notes = new List<string>();
        var at = 0;
        foreach (var component in ai.Components)
        {
            if (at == value.Length && component.Optional)
            {
                break;
            }

            var length = component.IsFixedLength ? component.MaxLength : Math.Min(component.MaxLength, value.Length - at);
            if (value.Length - at < component.MinLength)
            {
                return (null, Fail($"value has {value.Length} characters: the component at value position {at + 1} needs {component.MinLength}"));
            }

            var part = value.Substring(at, length);
            if (CharacterError(component.Charset, part, at) is { } characterError)
            {
                return (null, Fail(characterError));
            }

            foreach (var linter in component.Linters)
            {
                if (!Gs1Linters.IsImplemented(linter))
                {
                    notes.Add($"\"{linter}\" not checked");
                }
                else if (Gs1Linters.Check(linter, part, currentYear) is { } lintError)
                {
                    return (null, Fail(lintError));
                }
            }

            at += length;
        }

        if (at < value.Length)
        {
            // A fixed-length component left data over: the field's length fits none of its optional shapes.
            return (null, Fail($"value has {value.Length} characters, which its components ({ai.MinLength} to {ai.MaxLength} in steps) do not fit"));
        }

        var element = new Gs1Element(ai.Ai, ai.Title, value) { Note = notes.Count == 0 ? null : string.Join("; ", notes) };
        return ai.Kind switch
        {
            Gs1ValueKind.Date => (element with { Date = Gs1Date.TryParse(value, currentYear) }, null),
            Gs1ValueKind.Count => (element with { Number = ToDecimal(value, 0) }, null),
            Gs1ValueKind.Number => (element with { Number = ToDecimal(value, ai.Decimals) }, null),
            Gs1ValueKind.CurrencyAndNumber => (element with { Currency = value[..3], Number = ToDecimal(value[3..], ai.Decimals) }, null),
            _ => (element, null),
        };
    }

    private static string? CharacterError(char charset, string part, int offset)
    {
        var body = part;
        if (charset == 'Z')
        {
            // Base64url may end in at most two '=' pads, and only when they complete a group of three.
            var pads = part.Length - part.TrimEnd('=').Length;
            if (pads > 2 || (pads > 0 && part.Length % 3 != 0))
            {
                return $"bad base64url padding at value position {offset + part.Length - pads + 1}";
            }

            body = part[..^pads];
        }

        for (var i = 0; i < body.Length; i++)
        {
            if (!Gs1Linters.InCharset(charset, body[i]))
            {
                return $"character {Describe(body[i])} at value position {offset + i + 1} is not allowed ({Gs1Linters.CharsetName(charset)})";
            }
        }

        return null;
    }

    /// <summary>Digits (at most 18, which the AI lengths guarantee) with <paramref name="decimals"/> implied places, exactly.</summary>
    private static decimal ToDecimal(string digits, int decimals)
    {
        var units = long.Parse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        return new decimal((int)(units & 0xFFFFFFFF), (int)(units >> 32), 0, false, (byte)decimals);
    }

    private static string Describe(char c) => c == Gs1ElementStrings.GroupSeparator ? "GS" : c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";
}
