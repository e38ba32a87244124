using System.Text.RegularExpressions;

namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Recognises a loyalty member code scanned at the till with a chain-configured regular expression. The member
/// id is the named group "id" when the pattern has one, else the first group, else the whole match. A pattern
/// should be anchored (^…$): the till must not take a product code that merely contains digits for a member.
/// </summary>
public static class MemberCodes
{
    /// <summary>"M" + 10 digits (printed cards) or "member:" + digits (app QR codes).</summary>
    public const string DefaultPattern = "^(?:M(?<id>[0-9]{10})|member:(?<id>[0-9]{1,20}))$";

    // A configured pattern could backtrack badly on a long scan; a till must never hang on a barcode.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The member id, or null when the pattern is empty, invalid, times out or does not match.</summary>
    public static string? TryMatch(string data, string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || string.IsNullOrEmpty(data))
        {
            return null;
        }

        try
        {
            // The static Regex methods cache the parsed pattern, so configuration can change without a rebuild here.
            var match = Regex.Match(data, pattern, RegexOptions.CultureInvariant, MatchTimeout);
            if (!match.Success)
            {
                return null;
            }

            var id = match.Groups["id"].Success ? match.Groups["id"] : match.Groups.Count > 1 ? match.Groups[1] : match.Groups[0];
            return id.Value.Length == 0 ? null : id.Value;
        }
        catch (ArgumentException)
        {
            return null; // an invalid pattern is reported by ScanDecoderOptions.Validate at start-up
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Null when the pattern compiles, else why not.</summary>
    public static string? ValidatePattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
