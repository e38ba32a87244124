namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>
/// The stable codes of a quote refusal's sentence (<see cref="QuoteRefused.Code"/>), one per sentence: the API's problem
/// details carry it as <c>code</c> and the pages word it from their resources.
/// </summary>
public static class QuoteRefusalCodes
{
    public const string VersionFixed = QuoteRefused.VersionFixed;
    public const string NotLatest = QuoteRefused.NotLatest;
    public const string VersionGone = "version-gone";
    public const string AlreadySubmitted = QuoteRefused.AlreadySubmitted;
    public const string Expired = QuoteRefused.Expired;
    public const string OpportunityClosed = QuoteRefused.OpportunityClosed;
    public const string NotQuoter = QuoteRefused.NotQuoter;
    public const string Unknown = "unknown";
    public const string NoLines = "no-lines";
    public const string TooManyLines = "too-many-lines";
    public const string Quantity = "quantity-out-of-range";
    public const string Discount = "discount-out-of-range";
    public const string DuplicateItem = "duplicate-item";
    public const string UnknownItem = "unknown-item";
    public const string ValidityPast = "validity-past";
    public const string ValidityTooLong = "validity-too-long";
}
