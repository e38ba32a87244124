using System.Globalization;
using System.Text;

namespace StoreSales.Edge.Devices.Receipts;

/// <summary>
/// Text encodings of receipts by name: <c>utf-8</c>, <c>gb18030</c> (GBK and GB2312 text decode the same
/// way), <c>big5</c>, <c>shift_jis</c>, <c>ibm437</c>/<c>cp437</c>, <c>windows-1252</c>, <c>ibm866</c>,
/// or a code page number (<c>936</c>). The legacy code pages come from <see cref="CodePagesEncodingProvider"/>,
/// registered here once. Decoding never throws: a byte sequence the encoding cannot read becomes U+FFFD,
/// which the receipt reader counts.
/// </summary>
public static class ReceiptEncodings
{
    /// <summary>What an undecodable byte sequence becomes.</summary>
    public const char Replacement = '\uFFFD';

    static ReceiptEncodings()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The encoding called <paramref name="name"/>; false with a reason when there is none.</summary>
    public static bool TryGet(string? name, out Encoding encoding, out string? error)
    {
        encoding = Encoding.UTF8;
        error = null;
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "an encoding name is required (utf-8, gb18030, windows-1252, ibm437 …)";
            return false;
        }

        var lookup = trimmed.ToLowerInvariant();
        if (lookup.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(lookup.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var cp))
        {
            lookup = cp.ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            var found = int.TryParse(lookup, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
                ? Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(lookup);
            encoding = Encoding.GetEncoding(found.CodePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(Replacement.ToString()));
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            error = $"unknown encoding '{trimmed}' (utf-8, gb18030, big5, shift_jis, windows-1252, ibm437, or a code page number)";
            return false;
        }
    }

    /// <summary>The encoding called <paramref name="name"/>; throws <see cref="ArgumentException"/> when there is none.</summary>
    public static Encoding Get(string name) =>
        TryGet(name, out var encoding, out var error) ? encoding : throw new ArgumentException(error, nameof(name));
}
