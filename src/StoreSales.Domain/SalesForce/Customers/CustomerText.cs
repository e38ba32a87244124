using System.Text;

namespace StoreSales.Domain.SalesForce.Customers;

/// <summary>Text clean-up shared by the identity fields.</summary>
internal static class CustomerText
{
    /// <summary>
    /// Full-width ASCII forms (U+FF01–U+FF5E, typed by Chinese input methods: ＡＢＣ１２３（）) as their ASCII
    /// characters, and the ideographic space (U+3000) as a space. Nothing else changes.
    /// </summary>
    public static string ToHalfWidth(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
