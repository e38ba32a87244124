using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>What a version says, as sealed: everything printed on it that a customer relies on.</summary>
public sealed record QuoteSealContent(
    string QuoteNumber,
    int Version,
    string CustomerId,
    string CustomerName,
    string Currency,
    DateOnly ValidUntil,
    IReadOnlyList<PricedQuoteLine> Lines,
    decimal ListTotal,
    decimal NetTotal,
    DateTimeOffset CreatedAt);

/// <summary>How a presented verification code stands.</summary>
public enum QuoteVerdict
{
    /// <summary>The code is the one the version was issued with, and the version's record still says what was sealed.</summary>
    Verified = 0,

    /// <summary>No quote version carries this code (or it is not a code at all).</summary>
    Unknown = 1,

    /// <summary>The code names a real quote and version but its check part is not theirs: it was altered.</summary>
    AlteredCode = 2,

    /// <summary>The code is the stored one, but the stored version no longer matches it: the record was altered.</summary>
    AlteredRecord = 3,
}

/// <summary>
/// A quote version's seal (docs/domain.md "Quotes", docs/design.md "Quote verification"): its canonical content (a fixed
/// JSON form of what is printed), the SHA-256 of that content (the document hash printed on it and shown on the public
/// page) and the verification code <c>{quote number}-{version}-{check}</c>, where check is the first 16 bytes of
/// HMAC-SHA256(Quotes:VerificationKey, content) in lower-case hex. Without the key nobody can make a code that verifies;
/// with the stored rows anybody holding the key can recompute it, so an altered row shows. Pure.
/// </summary>
public static class QuoteSeal
{
    private const int CheckBytes = 16;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>The canonical content: one JSON object, fields in a fixed order, amounts with two decimals, times in UTC.</summary>
    public static string Content(QuoteSealContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var form = new
        {
            kind = "storesales-quote/1",
            number = content.QuoteNumber,
            version = content.Version,
            customer = content.CustomerId,
            customerName = content.CustomerName,
            currency = content.Currency,
            validUntil = content.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            lines = content.Lines.Select(l => new
            {
                no = l.LineNo,
                item = l.ItemCode,
                name = l.ItemName,
                quantity = l.Quantity,
                listPrice = Amount(l.ListPrice),
                discountPercent = Amount(l.DiscountPercent),
                net = Amount(l.NetAmount),
            }),
            listTotal = Amount(content.ListTotal),
            netTotal = Amount(content.NetTotal),
            createdAt = content.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        };
        return JsonSerializer.Serialize(form, Canonical);
    }

    /// <summary>The document hash: SHA-256 of the canonical content's UTF-8 bytes.</summary>
    public static byte[] DocumentHash(string content) => SHA256.HashData(Encoding.UTF8.GetBytes(content));

    /// <summary>The hash as printed: lower-case hex.</summary>
    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>The verification code of a version with this content.</summary>
    public static string Code(string key, string quoteNumber, int version, string content)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(content));
        return $"{quoteNumber}-{version.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(mac.AsSpan(0, CheckBytes))}";
    }

    /// <summary>The quote number and version a code names, or false when it is not shaped like a code.</summary>
    public static bool TryParse(string? code, out string quoteNumber, out int version)
    {
        quoteNumber = "";
        version = 0;
        if (string.IsNullOrEmpty(code) || code.Length > 100)
        {
            return false;
        }

        var checkAt = code.LastIndexOf('-');
        var versionAt = checkAt > 0 ? code.LastIndexOf('-', checkAt - 1) : -1;
        if (versionAt <= 0
            || code.Length - checkAt - 1 != CheckBytes * 2
            || code.AsSpan(checkAt + 1).ContainsAnyExcept(LowerHex)
            || !int.TryParse(code.AsSpan(versionAt + 1, checkAt - versionAt - 1), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            || version < 1)
        {
            version = 0;
            return false;
        }

        quoteNumber = code[..versionAt];
        return true;
    }

    /// <summary>
    /// How <paramref name="presented"/> stands against the stored version it names (<paramref name="stored"/>, null when
    /// there is none) and the code stored with it.
    /// </summary>
    public static QuoteVerdict Verify(string key, string presented, QuoteSealContent? stored, string? storedCode)
    {
        if (stored is null || storedCode is null || !TryParse(presented, out var number, out var version)
            || !string.Equals(number, stored.QuoteNumber, StringComparison.Ordinal) || version != stored.Version)
        {
            return QuoteVerdict.Unknown;
        }

        var expected = Code(key, stored.QuoteNumber, stored.Version, Content(stored));
        if (!FixedTimeEquals(presented, storedCode))
        {
            return QuoteVerdict.AlteredCode;
        }

        return FixedTimeEquals(expected, storedCode) ? QuoteVerdict.Verified : QuoteVerdict.AlteredRecord;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
