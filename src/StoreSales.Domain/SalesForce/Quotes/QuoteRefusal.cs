using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Quotes;

/// <summary>
/// Why a quote request is refused; the API names it as <c>rule</c> and counts it. <see cref="Reason"/> is the API's English
/// sentence; <see cref="Code"/> (one of <see cref="QuoteRefusalCodes"/>) and <see cref="Args"/> let a page say the same in
/// its viewer's language, since one rule (<c>invalid-line</c>) has several sentences.
/// </summary>
public sealed record QuoteRefused(string Rule, string Field, string Reason)
{
    /// <summary>A submitted (approved, rejected, superseded) version's content never changes: a change makes a new version.</summary>
    public const string VersionFixed = "version-fixed";

    /// <summary>Only the newest version of a quote is submitted or replaced.</summary>
    public const string NotLatest = "not-latest";

    /// <summary>A version is submitted once.</summary>
    public const string AlreadySubmitted = "already-submitted";

    /// <summary>A version past its validity is not submitted.</summary>
    public const string Expired = "expired";

    /// <summary>A line, quantity, discount or validity the rules do not allow.</summary>
    public const string InvalidLine = "invalid-line";

    /// <summary>Someone who may see the opportunity but not quote on it.</summary>
    public const string NotQuoter = "not-quoter";

    /// <summary>The opportunity is closed (won or lost).</summary>
    public const string OpportunityClosed = "opportunity-closed";

    /// <summary>The sentence's stable code (problem details <c>code</c>); the rule itself where the rule has one sentence.</summary>
    public string Code { get; init; } = Rule;

    /// <summary>The sentence's figures, in the order the page's text names them (invariant culture).</summary>
    public ImmutableArray<string> Args { get; init; } = [];

    /// <summary>A refusal with its code and figures.</summary>
    public static QuoteRefused Of(string rule, string code, string field, string reason, params string[] args) =>
        new(rule, field, reason) { Code = code, Args = [.. args] };
}
