namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Reads GS1 element strings as GS1-128, GS1 DataMatrix, GS1 QR and GS1 DataBar scanners transmit them: AI and
/// data concatenated, FNC1 sent as GS (0x1D) after every variable-length field that is not last. The printed
/// human-readable form "(01)09506000134352(17)201225(10)ABC123" is accepted too (typed in, or from a label).
/// </summary>
public static class Gs1ElementStrings
{
    /// <summary>ASCII GS, how scanners transmit the FNC1 separator.</summary>
    public const char GroupSeparator = '\u001D';

    /// <summary>
    /// Splits and validates an element string. Positions in errors count from 1 in <paramref name="elementString"/>.
    /// </summary>
    /// <param name="elementString">The data after any AIM prefix.</param>
    /// <param name="currentYear">This year, to place two-digit years per GS1; without it YY is 20YY.</param>
    public static Gs1ParseResult Parse(string elementString, int? currentYear = null)
    {
        if (string.IsNullOrEmpty(elementString))
        {
            return Gs1ParseResult.Failure("empty element string");
        }

        var result = elementString[0] == '(' ? ParseHumanReadable(elementString, currentYear) : ParseTransmitted(elementString, currentYear);
        return result.IsValid ? RejectExcludedPairs(RejectConflictingRepeats(result)) : result;
    }

    private static Gs1ParseResult ParseTransmitted(string text, int? currentYear)
    {
        var elements = new List<Gs1Element>();
        var pos = 0;
        while (pos < text.Length)
        {
            // A leading FNC1, one after a predefined-length field, or a trailing one: redundant but harmless.
            if (text[pos] == GroupSeparator)
            {
                pos++;
                continue;
            }

            var ai = Gs1ApplicationIdentifiers.FindAt(text, pos);
            if (ai is null)
            {
                return Gs1ParseResult.Failure($"unknown AI at position {pos + 1}: \"{Excerpt(text, pos)}\"");
            }

            var valueStart = pos + ai.Ai.Length;
            int valueEnd;
            if (ai.HasPredefinedLength)
            {
                // Its length is predefined, so no GS follows; a GS inside it means the field is short.
                var separator = text.IndexOf(GroupSeparator, valueStart, Math.Min(ai.MaxLength, text.Length - valueStart));
                valueEnd = separator >= 0 ? separator : Math.Min(valueStart + ai.MaxLength, text.Length);
            }
            else
            {
                var separator = text.IndexOf(GroupSeparator, valueStart);
                valueEnd = separator < 0 ? text.Length : separator;

                // Without GS the next AI runs into this field; the only symptom we can see is excess length.
                if (valueEnd - valueStart > ai.MaxLength)
                {
                    return Gs1ParseResult.Failure(
                        $"{ai.Label} at position {pos + 1}: value too long ({valueEnd - valueStart} characters, at most {ai.MaxLength}); missing GS separator?");
                }
            }

            var (element, error) = Gs1ValueReader.Read(ai, text[valueStart..valueEnd], pos + 1, currentYear);
            if (element is null)
            {
                return Gs1ParseResult.Failure(error!);
            }

            elements.Add(element);
            pos = valueEnd;
        }

        return elements.Count == 0 ? Gs1ParseResult.Failure("no AI in element string") : new(elements, null);
    }

    private static Gs1ParseResult ParseHumanReadable(string text, int? currentYear)
    {
        var elements = new List<Gs1Element>();
        var pos = 0;
        while (pos < text.Length)
        {
            var close = text[pos] == '(' ? text.IndexOf(')', pos) : -1;
            if (close < 0)
            {
                return Gs1ParseResult.Failure($"expected \"(AI)\" at position {pos + 1}: \"{Excerpt(text, pos)}\"");
            }

            var aiText = text[(pos + 1)..close];
            var ai = Gs1ApplicationIdentifiers.Find(aiText);
            if (ai is null)
            {
                return Gs1ParseResult.Failure($"unknown AI ({aiText}) at position {pos + 1}");
            }

            // Parentheses are legal in GS1 data, so a field ends only where "(" starts a well-formed "(NN..NNNN)".
            var next = NextAiStart(text, close + 1);
            var value = text[(close + 1)..next].Trim(' '); // printed labels put spaces around fields; GS1 data has none
            var (element, error) = Gs1ValueReader.Read(ai, value, pos + 1, currentYear);
            if (element is null)
            {
                return Gs1ParseResult.Failure(error!);
            }

            elements.Add(element);
            pos = next;
        }

        return new(elements, null);
    }

    private static int NextAiStart(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] != '(')
            {
                continue;
            }

            var digits = 0;
            while (i + 1 + digits < text.Length && char.IsAsciiDigit(text[i + 1 + digits]))
            {
                digits++;
            }

            if (digits is >= 2 and <= 4 && i + 1 + digits < text.Length && text[i + 1 + digits] == ')')
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>GS1 forbids the same AI twice with different data in one element string; the till cannot tell which is right.</summary>
    private static Gs1ParseResult RejectConflictingRepeats(Gs1ParseResult result)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in result.Elements)
        {
            if (seen.TryGetValue(element.Ai, out var earlier) && earlier != element.Value)
            {
                return Gs1ParseResult.Failure($"{Gs1ApplicationIdentifiers.Find(element.Ai)!.Label} appears twice with different values");
            }

            seen[element.Ai] = element.Value;
        }

        return result;
    }

    /// <summary>
    /// The dictionary's "ex=" pairs (e.g. GTIN (01) with CONTENT (02)) must not be on one item; both in one scan are
    /// both on the item, so the scan is invalid. Its "req=" associations are not checked here: GS1 evaluates them
    /// over every carrier on the item, and one scan is one carrier.
    /// </summary>
    private static Gs1ParseResult RejectExcludedPairs(Gs1ParseResult result)
    {
        if (!result.IsValid)
        {
            return result;
        }

        foreach (var element in result.Elements)
        {
            var ai = Gs1ApplicationIdentifiers.Find(element.Ai)!;
            if (result.Elements.FirstOrDefault(other => ai.Excluded(other.Ai)) is { } excluded)
            {
                return Gs1ParseResult.Failure($"{ai.Label} must not appear with AI ({excluded.Ai}) {excluded.Title} (GS1 exclusive pair)");
            }
        }

        return result;
    }

    private static string Excerpt(string text, int pos)
    {
        var excerpt = text.Substring(pos, Math.Min(6, text.Length - pos));
        return new string(excerpt.Select(c => c is < ' ' or > '~' ? '?' : c).ToArray());
    }
}
