using StoreSales.Domain.Access;

namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>The three tiers of the discount matrix (三级价格弹性矩阵).</summary>
public enum QuoteTier
{
    /// <summary>Within the rep's own authority: approved at once.</summary>
    Rep = 0,

    /// <summary>Beyond the rep's authority, up to the director's limit: the sales director approves.</summary>
    Director = 1,

    /// <summary>Beyond the director's limit: legal and finance both approve, in any order.</summary>
    LegalAndFinance = 2,
}

/// <summary>Which tier a quote falls into and who must approve it (docs/domain.md "Quotes"). Pure.</summary>
public static class QuoteTierRule
{
    /// <summary>
    /// The tier of a version whose deepest line discount is <paramref name="deepestDiscount"/> percent, made for a rep of
    /// <paramref name="repLevel"/>. Boundaries belong to the lower tier: exactly the rep's authority is the rep's,
    /// exactly the director's limit is the director's.
    /// </summary>
    public static QuoteTier TierOf(decimal deepestDiscount, string repLevel, QuoteTierOptions options) =>
        deepestDiscount <= options.AuthorityOf(repLevel) ? QuoteTier.Rep
        : deepestDiscount <= options.DirectorLimit ? QuoteTier.Director
        : QuoteTier.LegalAndFinance;

    /// <summary>The roles that must each approve a version of <paramref name="tier"/>; none for the rep's own tier.</summary>
    public static IReadOnlyList<string> RequiredRoles(QuoteTier tier) => tier switch
    {
        QuoteTier.Rep => [],
        QuoteTier.Director => [ChainRoles.SalesDirector],
        QuoteTier.LegalAndFinance => [ChainRoles.Legal, ChainRoles.Finance],
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>The tier as stored and named in the API: rep, director, legal-finance.</summary>
    public static string Code(QuoteTier tier) => tier switch
    {
        QuoteTier.Rep => "rep",
        QuoteTier.Director => "director",
        QuoteTier.LegalAndFinance => "legal-finance",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    public static QuoteTier Parse(string code) => code switch
    {
        "rep" => QuoteTier.Rep,
        "director" => QuoteTier.Director,
        "legal-finance" => QuoteTier.LegalAndFinance,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown quote tier."),
    };
}
