using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Quotes;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>
/// Quotes as one viewer may see and make them (<see cref="QuoteAccessRule"/>), for the API and the pages alike: an
/// opportunity or quote out of sight is unknown (404), seen but not theirs to quote on is 403, the rules' refusals are
/// 400 (a field) or 409 (the version's state). Every answer is counted by operation, every refusal by its rule.
/// </summary>
public sealed class QuoteDesk(QuoteReader reader, QuoteBook book, QuoteVerifier verifier, QuoteMetrics metrics)
{
    public async Task<QuoteOpportunity?> Opportunity(ClaimsPrincipal user, string opportunityId, CancellationToken cancellationToken)
    {
        var opportunity = await reader.Opportunity(opportunityId, cancellationToken);
        return opportunity is not null && Sees(user, opportunity) ? opportunity : null;
    }

    public async Task<QuoteDone> Read(ClaimsPrincipal user, string quoteNumber, int version, string operation, CancellationToken cancellationToken)
    {
        var quote = await reader.Find(quoteNumber, version, cancellationToken);
        return quote is not null && Sees(user, quote.Opportunity) ? Done(operation, quote) : Unknown(operation, $"There is no quote {quoteNumber} version {version}.");
    }

    public async Task<IReadOnlyList<QuoteVersionView>?> OfOpportunity(ClaimsPrincipal user, string opportunityId, CancellationToken cancellationToken) =>
        await Opportunity(user, opportunityId, cancellationToken) is null ? null : await reader.OfOpportunity(opportunityId, cancellationToken);

    public Task<IReadOnlyList<QuoteItem>> Items(int limit, CancellationToken cancellationToken) => reader.Items(null, limit, cancellationToken);

    public async Task<QuoteDone> Create(ClaimsPrincipal user, string opportunityId, QuoteRequest request, CancellationToken cancellationToken)
    {
        const string operation = "create";
        if (await Opportunity(user, opportunityId, cancellationToken) is not { } opportunity)
        {
            return Unknown(operation, $"There is no opportunity '{opportunityId}'.");
        }

        return MayQuote(user, opportunity, operation) ?? Answer(operation, await book.Create(opportunity, request.Lines ?? [], request.ValidUntil, Actor(user), cancellationToken));
    }

    public async Task<QuoteDone> NewVersion(ClaimsPrincipal user, string quoteNumber, QuoteRequest request, CancellationToken cancellationToken)
    {
        const string operation = "new-version";
        var latest = await reader.Latest(quoteNumber, cancellationToken);
        if (latest is null || !Sees(user, latest.Opportunity))
        {
            return Unknown(operation, $"There is no quote {quoteNumber}.");
        }

        return MayQuote(user, latest.Opportunity, operation) ?? Answer(operation, await book.NewVersion(latest, request.Lines ?? [], request.ValidUntil, Actor(user), cancellationToken));
    }

    public async Task<QuoteDone> EditDraft(ClaimsPrincipal user, string quoteNumber, int version, QuoteRequest request, CancellationToken cancellationToken)
    {
        const string operation = "edit";
        var quote = await reader.Find(quoteNumber, version, cancellationToken);
        if (quote is null || !Sees(user, quote.Opportunity))
        {
            return Unknown(operation, $"There is no quote {quoteNumber} version {version}.");
        }

        return MayQuote(user, quote.Opportunity, operation) ?? Answer(operation, await book.EditDraft(quote, request.Lines ?? [], request.ValidUntil, Actor(user), cancellationToken));
    }

    public async Task<QuoteDone> Submit(ClaimsPrincipal user, string quoteNumber, int version, CancellationToken cancellationToken)
    {
        const string operation = "submit";
        var quote = await reader.Find(quoteNumber, version, cancellationToken);
        if (quote is null || !Sees(user, quote.Opportunity))
        {
            return Unknown(operation, $"There is no quote {quoteNumber} version {version}.");
        }

        return MayQuote(user, quote.Opportunity, operation) ?? Answer(operation, await book.Submit(quote, Actor(user), cancellationToken));
    }

    /// <summary>The public verification: no sign-in, and nothing about the quote unless the code verifies.</summary>
    public async Task<QuoteVerification> Verify(string code, CancellationToken cancellationToken)
    {
        var verification = await verifier.Verify(code, cancellationToken);
        if (verification.Verdict == QuoteVerdict.Verified)
        {
            metrics.Accepted("verify");
        }
        else
        {
            metrics.Rejected("verify", QuoteVerificationAnswer.Code(verification.Verdict));
        }

        return verification;
    }

    /// <summary>Whether the viewer may make and submit quotes on the opportunity (the pages show the buttons by it).</summary>
    public static bool MayQuote(ClaimsPrincipal user, QuoteOpportunity opportunity) =>
        QuoteAccessRule.MayQuote(user.ToViewerScope(), opportunity.OwnerRepId, opportunity.DepartmentId);

    private static bool Sees(ClaimsPrincipal user, QuoteOpportunity opportunity) =>
        QuoteAccessRule.MaySee(user.ToViewerScope(), opportunity.OwnerRepId, opportunity.DepartmentId, opportunity.RegionId, opportunity.OwnerStoreId);

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private QuoteDone? MayQuote(ClaimsPrincipal user, QuoteOpportunity opportunity, string operation) =>
        MayQuote(user, opportunity) ? null
        : Refused(operation, StatusCodes.Status403Forbidden, QuoteRefused.Of(QuoteRefused.NotQuoter, QuoteRefusalCodes.NotQuoter, "opportunityId", $"Quotes on '{opportunity.OpportunityId}' are made by its owner rep ({opportunity.OwnerRepId}) or the team's sales manager.", opportunity.OpportunityId, opportunity.OwnerRepId));

    private QuoteDone Answer(string operation, QuoteResult result) => result switch
    {
        QuoteWritten written => Done(operation, written.Quote),
        QuoteRefusedResult { Refused: var refused } => Refused(operation, refused.Rule == QuoteRefused.InvalidLine ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, refused),
        _ => throw new InvalidOperationException($"Unexpected quote result {result}."),
    };

    private QuoteDone Done(string operation, QuoteVersionView quote)
    {
        metrics.Accepted(operation);
        return new QuoteDone(quote, null);
    }

    private QuoteDone Unknown(string operation, string reason) =>
        Refused(operation, StatusCodes.Status404NotFound, new QuoteRefused(QuoteRefusalCodes.Unknown, "id", reason));

    private QuoteDone Refused(string operation, int status, QuoteRefused refused)
    {
        metrics.Rejected(operation, refused.Rule);
        return new QuoteDone(null, new QuoteDenial(status, refused));
    }
}

/// <summary>The quote as it now stands, or why not.</summary>
public sealed record QuoteDone(QuoteVersionView? Quote, QuoteDenial? Denial);

/// <summary>A refusal with its HTTP status.</summary>
public sealed record QuoteDenial(int Status, QuoteRefused Refused)
{
    /// <summary>The problem details answer: 400 as a validation problem naming the field, others with the rule as an extension.</summary>
    public IResult ToResult() => Status == StatusCodes.Status400BadRequest
        ? Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [Refused.Field] = [Refused.Reason] }, title: "Invalid quote", extensions: Extensions)
        : Results.Problem(statusCode: Status, title: Title, detail: Refused.Reason, extensions: Extensions);

    // The rule names what was broken; the code names the sentence, which a page words in its viewer's language.
    private Dictionary<string, object?> Extensions => new(StringComparer.Ordinal) { ["rule"] = Refused.Rule, ["code"] = Refused.Code };

    private string Title => Status switch
    {
        StatusCodes.Status404NotFound => "Unknown quote or opportunity",
        StatusCodes.Status403Forbidden => "Not yours to quote",
        _ => "Refused by the quote rules",
    };
}
