using System.Security.Claims;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Api;
using StoreSales.CommandCenter.Attribution;
using StoreSales.CommandCenter.Resources;
using StoreSales.Data.Quotes;

namespace StoreSales.CommandCenter.Quotes;

/// <summary>
/// Quotes over HTTP (docs/domain.md "Quotes"): make a quote or a new version, change a draft, submit, read, the PDF and
/// its QR code, all scoped by <see cref="QuoteDesk"/>; and the public verification of a code, without sign-in.
/// Approval decisions are the approvals inbox's (<c>/api/approvals</c>), not this API's.
/// </summary>
public static class QuoteEndpoints
{
    private const string Scope =
        " Scope: the opportunity's owner rep, the team's managers and HQ see its quotes, and so do sales directors (their "
        + "region or teams), legal and finance; anyone else gets 404, as for an unknown id. Quotes are made and submitted by "
        + "the owner rep or the team's sales manager (403 otherwise).";

    public static IEndpointRouteBuilder MapQuoteApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Quotes").RequireAuthorization();

        api.MapPost("/opportunities/{opportunityId}/quotes", Create)
            .WithName("CreateQuote")
            .WithSummary("Makes a quote on an opportunity: version 1, a draft, priced to the cent, sealed with its verification code and document hash")
            .WithDescription("Body: `lines` (each `itemCode`, `quantity`, `discountPercent` 0 to below 100 with two decimals; name, list price and cost come from the item master) and optional `validUntil` (default today + Quotes:DefaultValidityDays, at most Quotes:MaxValidityDays). The answer carries the tier the deepest line discount falls into. A bad line or validity is 400 naming the field." + Scope)
            .WritesAVersion(StatusCodes.Status201Created);

        api.MapGet("/opportunities/{opportunityId}/quotes", List)
            .WithName("ListOpportunityQuotes")
            .WithSummary("The opportunity's quotes, the newest version of each")
            .WithDescription(Scope)
            .Produces<IReadOnlyList<QuoteAnswer>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/quotes/{quoteNumber}/versions", NewVersion)
            .WithName("CreateQuoteVersion")
            .WithSummary("A change to a quote: a new version (a draft); the older versions are superseded and a pending approval withdrawn")
            .WithDescription("Body as for CreateQuote." + Scope)
            .WritesAVersion(StatusCodes.Status201Created);

        api.MapGet("/quotes/{quoteNumber}/{version:int}", Get)
            .WithName("GetQuoteVersion")
            .WithSummary("One quote version: lines, totals, tier, status, verification code and link, document hash, and its approval with every decision and reason")
            .WithDescription(Scope)
            .Produces<QuoteAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/quotes/{quoteNumber}/{version:int}", Edit)
            .WithName("EditQuoteDraft")
            .WithSummary("Replaces a draft's lines and validity in place; a submitted version is never changed (409, rule version-fixed, the attempt kept)")
            .WithDescription("Body as for CreateQuote. A change to anything submitted is a new version (CreateQuoteVersion)." + Scope)
            .WritesAVersion(StatusCodes.Status200OK);

        api.MapPost("/quotes/{quoteNumber}/{version:int}/submit", Submit)
            .WithName("SubmitQuote")
            .WithSummary("Submits the newest version: within the rep's authority it is approved at once; beyond it an approval request goes to the sales director, or to legal and finance both")
            .WithDescription("409 with rule `not-latest` (a newer version exists), `already-submitted`, `expired` (validity past) or `opportunity-closed`." + Scope)
            .Produces<QuoteAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/quotes/{quoteNumber}/{version:int}/document.pdf", Pdf)
            .WithName("GetQuotePdf")
            .WithSummary("The quote version as PDF, with the QR code of its verification link, the verification code and the document hash")
            .WithDescription("Labels in the caller's language (en or zh-CN)." + Scope)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/quotes/{quoteNumber}/{version:int}/qr.png", Qr)
            .WithName("GetQuoteQrCode")
            .WithSummary("The QR code of the version's verification link, as PNG")
            .WithDescription(Scope)
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/verify/{code}", Verify)
            .WithTags("Quotes")
            .AllowAnonymous()
            .WithName("VerifyQuote")
            .WithSummary("Public: whether a quote's verification code is genuine, and then only the customer, quote number and version, total, validity, status, approval chain and document hash")
            .WithDescription("No sign-in. 200 with `verdict: verified`; otherwise 404 with `verdict` `unknown` (no quote carries the code), `altered-code` (it names a real quote but was changed) or `altered-record` (the stored quote no longer matches its code) and nothing about the quote.")
            .Produces<QuoteVerificationAnswer>()
            .Produces<QuoteVerificationAnswer>(StatusCodes.Status404NotFound);
        return app;
    }

    private static Task<IResult> Create(string opportunityId, HttpRequest request, QuoteDesk desk, QuoteQr qr, QuoteMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
        WithBody(request, qr, metrics, "create", body => desk.Create(user, opportunityId, body, ct), created: true, ct);

    private static async Task<IResult> List(string opportunityId, HttpRequest request, QuoteDesk desk, QuoteQr qr, ClaimsPrincipal user, CancellationToken ct) =>
        await desk.OfOpportunity(user, opportunityId, ct) is { } quotes
            ? Results.Ok(quotes.Select(q => Answer(q, request, qr)).ToList())
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown opportunity", detail: $"There is no opportunity '{opportunityId}'.");

    private static Task<IResult> NewVersion(string quoteNumber, HttpRequest request, QuoteDesk desk, QuoteQr qr, QuoteMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
        WithBody(request, qr, metrics, "new-version", body => desk.NewVersion(user, quoteNumber, body, ct), created: true, ct);

    private static async Task<IResult> Get(string quoteNumber, int version, HttpRequest request, QuoteDesk desk, QuoteQr qr, ClaimsPrincipal user, CancellationToken ct)
    {
        var done = await desk.Read(user, quoteNumber, version, "read", ct);
        return done.Quote is { } quote ? Results.Ok(Answer(quote, request, qr)) : done.Denial!.ToResult();
    }

    private static Task<IResult> Edit(string quoteNumber, int version, HttpRequest request, QuoteDesk desk, QuoteQr qr, QuoteMetrics metrics, ClaimsPrincipal user, CancellationToken ct) =>
        WithBody(request, qr, metrics, "edit", body => desk.EditDraft(user, quoteNumber, version, body, ct), created: false, ct);

    /// <summary>Reads the lines and validity (a body not of the documented shape is 400 naming the field, and counted), then writes.</summary>
    private static async Task<IResult> WithBody(HttpRequest request, QuoteQr qr, QuoteMetrics metrics, string operation, Func<QuoteRequest, Task<QuoteDone>> write, bool created, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<QuoteRequest>(request, ct);
        if (body is null)
        {
            metrics.Rejected(operation, "unreadable");
            return Results.ValidationProblem(errors!, title: "Invalid quote");
        }

        var done = await write(body);
        return done.Quote is not { } quote ? done.Denial!.ToResult()
            : created ? Results.Created(Location(quote), Answer(quote, request, qr))
            : Results.Ok(Answer(quote, request, qr));
    }

    /// <summary>What an endpoint that writes a version takes and answers.</summary>
    private static RouteHandlerBuilder WritesAVersion(this RouteHandlerBuilder endpoint, int success) => endpoint
        .Accepts<QuoteRequest>("application/json")
        .Produces<QuoteAnswer>(success)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> Submit(string quoteNumber, int version, HttpRequest request, QuoteDesk desk, QuoteQr qr, ClaimsPrincipal user, CancellationToken ct)
    {
        var done = await desk.Submit(user, quoteNumber, version, ct);
        return done.Quote is { } quote ? Results.Ok(Answer(quote, request, qr)) : done.Denial!.ToResult();
    }

    private static async Task<IResult> Pdf(string quoteNumber, int version, HttpRequest request, QuoteDesk desk, QuoteQr qr, IStringLocalizer<Labels> labels, ReportFonts fonts, ClaimsPrincipal user, CancellationToken ct)
    {
        var done = await desk.Read(user, quoteNumber, version, "pdf", ct);
        return done.Quote is { } quote
            ? Results.File(QuotePdf.Render(quote, qr.VerifyUrl(Base(request), quote.VerificationCode), labels, fonts), "application/pdf", $"{quote.QuoteNumber}-v{quote.Version}.pdf")
            : done.Denial!.ToResult();
    }

    private static async Task<IResult> Qr(string quoteNumber, int version, HttpRequest request, QuoteDesk desk, QuoteQr qr, ClaimsPrincipal user, CancellationToken ct)
    {
        var done = await desk.Read(user, quoteNumber, version, "qr", ct);
        return done.Quote is { } quote ? Results.File(QuoteQr.Png(qr.VerifyUrl(Base(request), quote.VerificationCode)), "image/png") : done.Denial!.ToResult();
    }

    private static async Task<IResult> Verify(string code, QuoteDesk desk, CancellationToken ct)
    {
        var answer = QuoteVerificationAnswer.Of(await desk.Verify(code, ct));
        return answer.Verdict == "verified" ? Results.Ok(answer) : Results.Json(answer, statusCode: StatusCodes.Status404NotFound);
    }

    private static QuoteAnswer Answer(QuoteVersionView quote, HttpRequest request, QuoteQr qr) => QuoteAnswer.Of(quote, qr.VerifyUrl(Base(request), quote.VerificationCode));

    private static string Location(QuoteVersionView quote) => $"/api/quotes/{quote.QuoteNumber}/{quote.Version}";

    /// <summary>The address the request came in on: where the customer reaches the command center unless Quotes:PublicBaseUrl says otherwise.</summary>
    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
