using System.Text;
using System.Text.RegularExpressions;

namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>
/// A customer's name in the form deduplication compares, step by step:
/// <list type="number">
/// <item>full-width ASCII (ＡＢＣ１２３（）) becomes ASCII and the ideographic space a space;</item>
/// <item>every run of white space becomes one space, and the ends are trimmed;</item>
/// <item>a space between two Chinese characters is dropped (Chinese is written without spaces: 北京 小米 = 北京小米);</item>
/// <item>letters are folded to upper case (invariant culture);</item>
/// <item>for a B2B account only, one trailing legal form is removed: 股份有限公司, 有限责任公司 or 有限公司, or a
/// Latin LTD / LIMITED / INC / INCORPORATED / CORP / CORPORATION / LLC optionally preceded by CO or COMPANY, with
/// the punctuation around it (<c>Acme Co., Ltd.</c> → <c>ACME</c>).</item>
/// </list>
/// Why only that much: a company converting from 有限公司 to 股份有限公司, or written with or without "Co., Ltd.",
/// is the same customer; but a region (北京…), 集团 (a group is not its subsidiary), 分公司 (a branch is an account of
/// its own) or a bare "Company" (The Coca-Cola Company) carry meaning and stay. Nothing is removed when only the
/// legal form would be left. Rule in docs/domain.md ("The sales force").
/// </summary>
public static partial class CustomerName
{
    /// <summary>The comparable name, or a failure naming <see cref="CustomerField.Name"/> when nothing is left.</summary>
    public static IdentityCheck Normalize(string? raw, CustomerKind kind)
    {
        var name = CollapseSpaces(CustomerText.ToHalfWidth(raw ?? "")).ToUpperInvariant();
        if (kind == CustomerKind.Account)
        {
            name = WithoutLegalForm(name);
        }

        return name.Length == 0
            ? IdentityCheck.Invalid(CustomerField.Name, IdentityProblem.Missing, "The customer's name is empty.")
            : IdentityCheck.Valid(name);
    }

    private static string WithoutLegalForm(string name)
    {
        var match = ChineseLegalForm().Match(name);
        if (!match.Success)
        {
            match = LatinLegalForm().Match(name);
        }

        return match.Success ? match.Groups["name"].Value.TrimEnd(' ', ',', '.') : name;
    }

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace && !(IsHan(builder[^1]) && IsHan(c)))
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    // CJK unified ideographs (the basic block and extension A) and the compatibility ideographs.
    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    [GeneratedRegex("^(?<name>.+?)(?:股份有限公司|有限责任公司|有限公司)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseLegalForm();

    [GeneratedRegex(@"^(?<name>.+?)[\s.,]*(?:\b(?:CO|COMPANY)\b[\s.,]*)?\b(?:LTD|LIMITED|INC|INCORPORATED|CORP|CORPORATION|LLC|L\.L\.C)\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex LatinLegalForm();
}
