using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using StoreSales.Abstractions.Opportunities;
using StoreSales.CommandCenter.SalesForce;
using StoreSales.Data.Opportunities;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.ServiceDefaults.Limits;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Opportunities (商机, docs/domain.md "Opportunities"): open, read, move through the stage gates with evidence, upload and
/// download evidence files, and the pipelines per rep and team. Scoped by <see cref="Domain.Access.OpportunityAccessRule"/>;
/// every refusal is problem details naming its <c>rule</c>, counted and logged (<see cref="OpportunityDesk"/>).
/// </summary>
public static class OpportunityEndpoints
{
    public static IEndpointRouteBuilder MapOpportunityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/opportunities").WithTags("Opportunities").RequireAuthorization();

        api.MapPost("", Open)
            .WithName("OpenOpportunity")
            .WithSummary("Opens an opportunity for a customer, in the first stage of its product line's path")
            .WithDescription(
                "Body: `customerId`, `title`, `amount` (not negative), `productLine` (chooses the stage path, `Opportunities:ProductLines`; "
                + "a line not configured follows `Default`). The owner and team are the customer's. Only the customer's owner rep or their "
                + "team's manager opens one (403 `not-owner`); a customer the viewer does not see is 404.")
            .Produces<OpportunityFacts>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{opportunityId}", Read)
            .WithName("GetOpportunity")
            .WithSummary("An opportunity: stage, every move (who, when, from, to, evidence), evidence files, contract approval, and its age")
            .WithDescription("`live` is the opportunity grain's verdict on its age (colour green/yellow/stalled by the stage's limits). Another team's rep gets 404, as for an id that does not exist.")
            .Produces<OpportunityView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{opportunityId}/moves", Move)
            .WithName("MoveOpportunity")
            .WithSummary("Moves an opportunity to another stage: forward one stage with the evidence the stage requires, or back any number")
            .WithDescription(
                "Body: `toStage`, `evidenceIds` (files uploaded in the current stage the move rests on; none: all of them), `note`. "
                + "200 moved; 202 `awaiting-approval` when entering contract above `Opportunities:ContractApprovalAmount` (500,000): a request for "
                + "the sales director is filed (kind contract-entry) and the opportunity waits. Refusals (409) name their rule: `one-stage-at-a-time`, "
                + "`evidence-missing` (with `missing`: the documents), `same-stage`, `unknown-stage`, `awaiting-approval`, `closed`, `evidence-not-in-stage`. "
                + "Nothing changes on a refusal. Only the owner rep or the team's manager moves it (403 `not-owner`).")
            .Produces<MoveAnswer>()
            .Produces<MoveAnswer>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{opportunityId}/close", Close)
            .WithName("CloseOpportunity")
            .WithSummary("Closes an opportunity as won (from its last stage, or a stage of Opportunities:WonFrom) or lost (from any open stage, with a reason)")
            .WithDescription(
                "Body: `outcome` (`won` or `lost`), `reason` (required for lost; at most `Opportunities:CloseReasonMaxLength`). Kept in the stage history "
                + "as a move from the stage to the outcome; a loss withdraws a pending contract entry. 400 names the field (`unknown-outcome`, "
                + "`reason-required`, `reason-too-long`); 409 names the rule (`closed`, `not-winnable-stage`, `awaiting-approval`). Only the owner rep "
                + "or the team's manager closes it (403 `not-owner`); another team's opportunity is 404.")
            .Produces<CloseAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{opportunityId}/evidence", Upload)
            .WithBodySize(BodySizeKind.FileUpload)
            .WithName("UploadOpportunityEvidence")
            .WithSummary("Uploads an evidence file for one of the documents the opportunity's current stage requires")
            .WithDescription(
                "multipart/form-data: `file` and `requirement` (e.g. `needs-confirmation-sheet`). PDF, JPEG or PNG, told from the bytes, never "
                + "the name: a renamed executable is refused (400 `file-type-not-allowed`); at most `Opportunities:Evidence:MaxBytes` (413 "
                + "`file-too-large`); a document the stage does not require is 400 `unknown-requirement`. Kept with its SHA-256. Refused attempts are logged and counted.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<EvidenceFact>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();

        api.MapGet("/{opportunityId}/evidence/{evidenceId:long}", Download)
            .WithName("DownloadOpportunityEvidence")
            .WithSummary("An evidence file, to viewers in the opportunity's scope only (404 for anyone else, as for a file that does not exist)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/pipeline", Pipeline)
            .WithTags("Opportunities")
            .RequireAuthorization()
            .WithName("GetPipeline")
            .WithSummary("A rep's (default: the viewer's own) or a team's open opportunities, each with its stage and age colour")
            .WithDescription("`repId` or `team` (department id; its managers, sales director, HQ). Only cards the viewer may see. `limit` 1–2000, default 1000. "
                + "`closedDays` (1–366): also the opportunities won or lost in that many days, each card with its `outcome`.")
            .Produces<PipelineCard[]>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    private static async Task<IResult> Open(OpenOpportunityRequest body, OpportunityDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await desk.Open(user, body.CustomerId, body.Title, body.Amount, body.ProductLine, ct));

    private static async Task<IResult> Read(string opportunityId, OpportunityDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await desk.Read(user, opportunityId, ct));

    private static async Task<IResult> Move(string opportunityId, MoveOpportunityRequest body, OpportunityDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await desk.Move(user, opportunityId, body.ToStage, body.EvidenceIds, body.Note, ct));

    private static async Task<IResult> Close(string opportunityId, CloseOpportunityRequest body, OpportunityDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await desk.Close(user, opportunityId, body.Outcome, body.Reason, ct));

    private static async Task<IResult> Upload(string opportunityId, HttpRequest request, OpportunityDesk desk, ClaimsPrincipal user, Microsoft.Extensions.Options.IOptions<OpportunityOptions> options, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send multipart/form-data with `file` and `requirement`."] }, title: "Invalid evidence upload");
        }

        if (await FormBody.Read(request, ct) is not { } form)
        {
            return Results.ValidationProblem(FormBody.Malformed, title: "Invalid evidence upload");
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Required."] }, title: "Invalid evidence upload");
        }

        await using var stream = file.OpenReadStream();
        var content = await EvidenceUpload.ReadCapped(stream, options.Value.Evidence.MaxBytes, ct);
        return Answer(await desk.Upload(user, opportunityId, form["requirement"].ToString(), file.FileName, content, ct));
    }

    private static async Task<IResult> Download(string opportunityId, long evidenceId, OpportunityDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await desk.Download(user, opportunityId, evidenceId, ct);
        if (result.Value is EvidenceContent file)
        {
            return Results.File(file.Content, file.Evidence.MediaType, file.Evidence.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Evidence.Sha256}\""));
        }

        return Answer(result);
    }

    private static async Task<IResult> Pipeline(
        string? repId, string? team, int? limit, int? closedDays, OpportunityDesk desk, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (closedDays is < 1 or > 366)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["closedDays"] = ["Between 1 and 366."] }, title: "Invalid pipeline query");
        }

        if (limit is < 1 or > 2000)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 2000."] }, title: "Invalid pipeline query");
        }

        var closedSince = closedDays is { } days ? clock.GetUtcNow().AddDays(-days) : (DateTimeOffset?)null;
        return Answer(await desk.Pipeline(user, repId, team, limit ?? 1000, ct, closedSince));
    }

    /// <summary>The desk's answer as a response: its value with its status, or problem details naming the rule (and what is missing).</summary>
    private static IResult Answer(OpportunityDeskResult result)
    {
        if (result.IsDone)
        {
            return Results.Json(result.Value, statusCode: result.Status);
        }

        if (result.Status == StatusCodes.Status400BadRequest && result.Field is { } field)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [result.Detail ?? ""] }, title: "Request refused", extensions: new Dictionary<string, object?> { ["rule"] = result.Rule });
        }

        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = result.Rule };
        if (result.Missing is { Count: > 0 } missing)
        {
            extensions["missing"] = missing;
        }

        var title = result.Status switch
        {
            StatusCodes.Status404NotFound => "Unknown opportunity",
            StatusCodes.Status403Forbidden => "Not allowed",
            StatusCodes.Status409Conflict => "Move refused",
            _ => "Request refused",
        };
        return Results.Problem(statusCode: result.Status, title: title, detail: result.Detail, extensions: extensions);
    }
}

/// <summary>Opening an opportunity.</summary>
public sealed record OpenOpportunityRequest(string? CustomerId, string? Title, decimal? Amount, string? ProductLine);

/// <summary>Closing an opportunity: <c>won</c> or <c>lost</c>, and why.</summary>
public sealed record CloseOpportunityRequest(string? Outcome, string? Reason);

/// <summary>A stage move.</summary>
public sealed record MoveOpportunityRequest(string? ToStage, IReadOnlyList<long>? EvidenceIds, string? Note);
