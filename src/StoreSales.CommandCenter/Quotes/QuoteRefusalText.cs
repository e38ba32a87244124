using System.Globalization;
using Microsoft.Extensions.Localization;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>
/// A quote refusal in the viewer's language: the API answers in English with a stable <c>code</c>
/// (<see cref="QuoteRefusalCodes"/>), and the pages word that code from their resources with the refusal's own figures.
/// </summary>
public static class QuoteRefusalText
{
    /// <summary>The resource key of each code; a code missing here is a test failure, not an English sentence on a page.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [QuoteRefusalCodes.VersionFixed] = "QuoteRefusedVersionFixed",
        [QuoteRefusalCodes.NotLatest] = "QuoteRefusedNotLatest",
        [QuoteRefusalCodes.VersionGone] = "QuoteRefusedVersionGone",
        [QuoteRefusalCodes.AlreadySubmitted] = "QuoteRefusedAlreadySubmitted",
        [QuoteRefusalCodes.Expired] = "QuoteRefusedExpired",
        [QuoteRefusalCodes.OpportunityClosed] = "QuoteRefusedOpportunityClosed",
        [QuoteRefusalCodes.NotQuoter] = "QuoteRefusedNotQuoter",
        [QuoteRefusalCodes.Unknown] = "QuoteRefusedUnknown",
        [QuoteRefusalCodes.NoLines] = "QuoteRefusedNoLines",
        [QuoteRefusalCodes.TooManyLines] = "QuoteRefusedTooManyLines",
        [QuoteRefusalCodes.Quantity] = "QuoteRefusedQuantity",
        [QuoteRefusalCodes.Discount] = "QuoteRefusedDiscount",
        [QuoteRefusalCodes.DuplicateItem] = "QuoteRefusedDuplicateItem",
        [QuoteRefusalCodes.UnknownItem] = "QuoteRefusedUnknownItem",
        [QuoteRefusalCodes.ValidityPast] = "QuoteRefusedValidityPast",
        [QuoteRefusalCodes.ValidityTooLong] = "QuoteRefusedValidityTooLong",
    };

    public static string Of(IStringLocalizer texts, QuoteRefused refused)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(refused);
        if (!Keys.TryGetValue(refused.Code, out var key))
        {
            // Only a code added to the domain without words: the API's sentence, rather than nothing.
            return refused.Reason;
        }

        object[] args = refused.Code switch
        {
            // A status or outcome is a code of its own: worded too, never shown raw.
            QuoteRefusalCodes.AlreadySubmitted or QuoteRefusalCodes.VersionFixed => [refused.Args[0], Word(texts, QuoteWords.StatusKey(refused.Args[1]))],
            QuoteRefusalCodes.OpportunityClosed => [Word(texts, OutcomeKey(refused.Args[0]))],
            _ => refused.Args.Cast<object>().ToArray(),
        };
        return string.Format(CultureInfo.CurrentCulture, texts[key], args);
    }

    /// <summary>The resource key of an opportunity's outcome (won, lost).</summary>
    public static string OutcomeKey(string outcome) => outcome == "won" ? "OppOutcomeWon" : "OppOutcomeLost";

    private static string Word(IStringLocalizer texts, string key) => texts[key].Value;
}
