using System.Text;
using System.Text.RegularExpressions;

namespace StoreSales.Edge.Devices.Receipts;

/// <summary>
/// The simple pattern syntax for people who do not write regular expressions: the line's text with
/// <c>{field}</c> where a value stands, <c>*</c> for "anything". Blanks match one or more blanks, a colon matches
/// <c>:</c> or <c>：</c> with optional blanks around it, everything else matches itself; the pattern must cover
/// the whole line (leading and trailing blanks allowed). Example: <c>合计: {total}</c>, <c>{name} {quantity} x {price} {amount}</c>.
/// </summary>
public static class WildcardPattern
{
    private const string Number = @"[-+]?[¥￥$]?\s?-?\d[\d,.]*-?";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["receipt"] = @"\S+",
        ["cashier"] = @"\S+",
        ["member"] = @"\S+",
        ["code"] = @"\S+",
        ["method"] = @"\S+?",
        ["name"] = ".+?",
        ["time"] = ".+?",
        ["quantity"] = Number,
        ["price"] = Number,
        ["amount"] = Number,
        ["discount"] = Number,
        ["total"] = Number,

        // A printed Z report's (ZReport): its number, business day and counts.
        ["number"] = @"\S+",
        ["day"] = @"\S+",
        ["count"] = @"\d+",
    };

    /// <summary>The field names a placeholder may use.</summary>
    public static IEnumerable<string> FieldNames => Fields.Keys;

    /// <summary>The regular expression for <paramref name="pattern"/>; false with a reason when a placeholder is unknown or unclosed.</summary>
    public static bool TryConvert(string pattern, out string regex, out string? error)
    {
        var builder = new StringBuilder(@"^\s*");
        var used = new HashSet<string>(StringComparer.Ordinal);
        var text = pattern.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{')
            {
                var close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    regex = "";
                    error = $"'{{' at position {i + 1} has no closing '}}'";
                    return false;
                }

                var name = text[(i + 1)..close].Trim();
                if (!Fields.TryGetValue(name, out var sub))
                {
                    regex = "";
                    error = $"unknown placeholder {{{name}}} (known: {string.Join(", ", Fields.Keys.Select(k => "{" + k + "}"))})";
                    return false;
                }

                builder.Append(used.Add(name) ? $"(?<{name}>{sub})" : $"(?:{sub})");
                i = close;
            }
            else if (c == '*')
            {
                builder.Append(".*?");
            }
            else if (c is ':' or '：')
            {
                builder.Append(@"\s*[:：]\s*");
                while (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
                {
                    i++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i + 1] is ':' or '：')
                {
                    continue; // the colon takes the blanks around it
                }

                builder.Append(@"\s+");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        regex = builder.Append(@"\s*$").ToString();
        error = null;
        return true;
    }
}
