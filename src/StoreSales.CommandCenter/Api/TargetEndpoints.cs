using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using StoreSales.CommandCenter.Targets;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Changes;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Monthly targets at every level, their freeze, change requests and audit trail (docs/domain.md "Sales targets"). All
/// scoped by <see cref="TargetDesk"/>: a region, store or rep out of the caller's sight answers 404 as an unknown one.
/// </summary>
public static class TargetEndpoints
{
    /// <summary>The audit export's columns, in order.</summary>
    public static readonly string[] AuditColumns =
        ["change_id", "changed_at", "level", "subject_id", "region_id", "store_id", "month", "old_amount", "new_amount", "changed_by", "source", "reason", "request_id"];

    private const string MonthHint = "`month` is `yyyy-MM`.";

    public static IEndpointRouteBuilder MapTargetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/targets").WithTags("Targets").RequireAuthorization();

        api.MapGet("/regions", (string? month, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct) => List(desk, user, TargetLevel.Region, null, month, ct))
            .WithName("ListRegionTargets")
            .WithSummary("The regions' monthly targets the caller may see, with when each month freezes")
            .WithDescription($"{MonthHint} A region freezes with its first store to freeze (Targets:Freeze:FreezeDay, store-local). `canSet` says whether the caller may set it (HQ).")
            .Produces<TargetAnswer[]>()
            .ProducesValidationProblem();
        api.MapGet("/regions/{regionId}/{month}/stores", (string regionId, string month, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                ListUnder(desk, user, TargetLevel.Region, regionId, TargetLevel.Store, month, ct))
            .WithName("ListStoreTargets")
            .WithSummary("The monthly targets of a region's stores the caller may see")
            .WithDescription($"{MonthHint} An unknown region, or one out of the caller's sight, answers 404.")
            .Produces<TargetAnswer[]>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/stores/{storeId}/{month}/reps", (string storeId, string month, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                ListUnder(desk, user, TargetLevel.Store, storeId, TargetLevel.Rep, month, ct))
            .WithName("ListRepTargets")
            .WithSummary("The monthly targets of a store's reps the caller may see")
            .WithDescription($"{MonthHint} An unknown store, or one out of the caller's sight, answers 404.")
            .Produces<TargetAnswer[]>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        foreach (var (segment, level, name, who) in new[]
        {
            ("regions/{subjectId}", TargetLevel.Region, "Region", "HQ"),
            ("stores/{subjectId}", TargetLevel.Store, "Store", "the region's manager or HQ"),
            ("reps/{subjectId}", TargetLevel.Rep, "Rep", "the manager of the rep's store"),
        })
        {
            api.MapGet($"/{segment}/{{month}}", (string subjectId, string month, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct) => Get(desk, user, level, subjectId, month, ct))
                .WithName($"Get{name}Target")
                .WithSummary($"A {name.ToLowerInvariant()}'s monthly target, its freeze and its daily split")
                .WithDescription(
                    $"{MonthHint} `amount` is null when none is set. `days` splits it by the store's pacing profile (a rep follows its store's pace; a region its stores' paces added up, "
                    + "each store weighted by its own target, or alike while any store has none), "
                    + "in cents that add up to the month. An unknown subject, or one out of the caller's sight, answers 404.")
                .Produces<TargetAnswer>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
            api.MapPut($"/{segment}/{{month}}", (string subjectId, string month, HttpRequest request, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                    Set(desk, user, request, level, subjectId, month, ct))
                .WithName($"Set{name}Target")
                .WithSummary($"Sets a {name.ToLowerInvariant()}'s monthly target ({who}) until the month freezes")
                .WithDescription(
                    "Body `{ amount, reason? }`: amount ≥ 0 in cents. The change and its audit entry (who, when, old, new, why) are written "
                    + "in one transaction and the live boards re-pace at once. After the freeze (Targets:Freeze:FreezeDay, 24:00 store-local) "
                    + "the edit is refused with 409 `rule: frozen`: file a change request instead. 403 `rule: not-setter` for a caller who "
                    + "may see but not set it; 404 for an unknown subject or one out of sight; 400 naming the field (`negative-target`, `not-in-cents`).")
                .Accepts<TargetAmountBody>("application/json")
                .Produces<TargetAnswer>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        api.MapPost("/requests", FileRequest)
            .WithName("RequestTargetChange")
            .WithSummary("Asks for a change of a frozen month's target (requester, new value, reason)")
            .WithDescription(
                "Body `{ level: region|store|rep, subjectId, month: yyyy-MM, amount, reason }`. Whoever may set the target may ask. Refused with 400 "
                + "naming the field (`reason-required`, `negative-target`, an unknown `level`), 409 `rule: not-frozen` before the freeze (edit it "
                + "directly), 403 `rule: not-setter`, 404 for an unknown subject or one out of sight.")
            .Accepts<TargetRequestBody>("application/json")
            .Produces<TargetRequestAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/requests", ListRequests)
            .WithName("ListTargetChangeRequests")
            .WithSummary("Change requests whose target the caller may see, pending first")
            .WithDescription("Optional `month` (yyyy-MM) and `status=pending`. The approver's queue is the pending ones.")
            .Produces<TargetRequestAnswer[]>()
            .ProducesValidationProblem();
        api.MapPost("/requests/{requestId:long}/approve", (long requestId, HttpRequest request, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                Decide(desk, user, request, requestId, approve: true, ct))
            .WithName("ApproveTargetChange")
            .WithSummary("Approves a change request: the target changes, the audit entry (source request) is written, the boards re-pace")
            .WithDescription(
                "Optional body `{ note }`. Only the role Targets:Freeze:ApproverRole decides (403 `rule: not-approver`); never the requester "
                + "(403 `rule: own-request`); a request already decided answers 409 `rule: already-decided`; an unknown one or one out of sight 404.")
            .Produces<TargetRequestAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/requests/{requestId:long}/reject", (long requestId, HttpRequest request, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                Decide(desk, user, request, requestId, approve: false, ct))
            .WithName("RejectTargetChange")
            .WithSummary("Rejects a change request; the target stays as it is")
            .WithDescription("Optional body `{ note }`. The same rules as approving.")
            .Produces<TargetRequestAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/changes", AuditTrail)
            .WithName("ListTargetChanges")
            .WithSummary("The audit trail of a month's target changes the caller may see: who, when, old, new, why, source")
            .WithDescription($"{MonthHint} Optional `level` (region|store|rep) and `subjectId`. Oldest first.")
            .Produces<TargetChangeEntry[]>()
            .ProducesValidationProblem();
        api.MapGet("/changes/export", ExportAuditTrail)
            .WithName("ExportTargetChanges")
            .WithSummary("The same audit trail as UTF-8 CSV")
            .WithDescription("Columns " + string.Join(", ", AuditColumns) + "; the same filters and scope as `GET /api/targets/changes`.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> List(TargetDesk desk, ClaimsPrincipal user, TargetLevel level, string? parentId, string? month, CancellationToken ct)
    {
        if (ParseMonth(desk, "list", month) is not { } first)
        {
            return BadMonth(month);
        }

        var views = await desk.List(user, level, parentId, first, ct);
        return Results.Ok(views.Select(TargetAnswer.Of).ToArray());
    }

    private static async Task<IResult> ListUnder(TargetDesk desk, ClaimsPrincipal user, TargetLevel parentLevel, string parentId, TargetLevel level, string month, CancellationToken ct)
    {
        if (ParseMonth(desk, "list", month) is null)
        {
            return BadMonth(month);
        }

        if (await desk.Visible(user, parentLevel, parentId, ct) is null)
        {
            desk.Refused("list", "not_found");
            return Unknown(parentLevel, parentId);
        }

        return await List(desk, user, level, parentId, month, ct);
    }

    private static async Task<IResult> Get(TargetDesk desk, ClaimsPrincipal user, TargetLevel level, string subjectId, string month, CancellationToken ct)
    {
        if (ParseMonth(desk, "get", month) is not { } first)
        {
            return BadMonth(month);
        }

        return await desk.Get(user, level, subjectId, first, withDays: true, ct) is { } view
            ? Results.Ok(TargetAnswer.Of(view))
            : Unknown(level, subjectId);
    }

    private static async Task<IResult> Set(TargetDesk desk, ClaimsPrincipal user, HttpRequest request, TargetLevel level, string subjectId, string month, CancellationToken ct)
    {
        const string operation = "set";
        if (ParseMonth(desk, operation, month) is not { } first)
        {
            return BadMonth(month);
        }

        var (body, errors) = await JsonBody.Read<TargetAmountBody>(request, ct);
        if (body?.Amount is not { } amount)
        {
            desk.Refused(operation, "invalid_body");
            return Results.ValidationProblem(errors ?? Field("amount", "The new target is required."), title: "Invalid target");
        }

        var outcome = await desk.Set(user, level, subjectId, first, amount, body.Reason, ct);
        return outcome.Succeeded
            ? Results.Ok(TargetAnswer.Of((await desk.Get(user, level, subjectId, first, withDays: false, ct))!))
            : Refusal(outcome, level, subjectId);
    }

    private static async Task<IResult> FileRequest(HttpRequest request, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        const string operation = "request";
        var (body, errors) = await JsonBody.Read<TargetRequestBody>(request, ct);
        if (body is null)
        {
            desk.Refused(operation, "invalid_body");
            return Results.ValidationProblem(errors!, title: "Invalid change request");
        }

        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var level = TargetCodes.LevelOf(body.Level);
        if (level is null)
        {
            problems["level"] = ["One of region, store, rep."];
        }

        if (string.IsNullOrWhiteSpace(body.SubjectId))
        {
            problems["subjectId"] = ["The region, store or rep id is required."];
        }

        var month = TargetMonth.Parse(body.Month);
        if (month is null)
        {
            problems["month"] = ["A month as yyyy-MM."];
        }

        if (body.Amount is null)
        {
            problems["amount"] = ["The new target is required."];
        }

        if (problems.Count > 0)
        {
            desk.Refused(operation, "invalid_" + problems.Keys.First());
            return Results.ValidationProblem(problems, title: "Invalid change request");
        }

        var outcome = await desk.Request(user, level!.Value, body.SubjectId!, month!.Value, body.Amount!.Value, body.Reason, ct);
        return outcome.Succeeded
            ? Results.Created($"/api/targets/requests/{outcome.Request!.RequestId}", TargetRequestAnswer.Of(outcome.Request))
            : Refusal(outcome, level.Value, body.SubjectId!);
    }

    private static async Task<IResult> ListRequests(string? month, string? status, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        DateOnly? first = null;
        if (month is not null && (first = ParseMonth(desk, "list-requests", month)) is null)
        {
            return BadMonth(month);
        }

        if (status is not (null or "pending"))
        {
            desk.Refused("list-requests", "invalid_status");
            return Results.ValidationProblem(Field("status", "Leave it out, or 'pending'."), title: "Invalid query");
        }

        var requests = await desk.Requests(user, first, status == "pending", ct);
        return Results.Ok(requests.Select(TargetRequestAnswer.Of).ToArray());
    }

    private static async Task<IResult> Decide(TargetDesk desk, ClaimsPrincipal user, HttpRequest request, long requestId, bool approve, CancellationToken ct)
    {
        string? note = null;
        if (request.ContentLength is > 0 || request.HasJsonContentType())
        {
            var (body, errors) = await JsonBody.Read<TargetDecisionBody>(request, ct);
            if (body is null)
            {
                desk.Refused(approve ? "approve" : "reject", "invalid_body");
                return Results.ValidationProblem(errors!, title: "Invalid decision");
            }

            note = body.Note;
        }

        var outcome = await desk.Decide(user, requestId, approve, note, ct);
        if (outcome.Unknown)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown change request", detail: $"There is no change request {requestId}.");
        }

        return outcome.Succeeded ? Results.Ok(TargetRequestAnswer.Of(outcome.Request!)) : Refusal(outcome, TargetLevel.Region, requestId.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<IResult> AuditTrail(string? month, string? level, string? subjectId, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var (query, refusal) = AuditQuery(desk, month, level);
        return refusal ?? Results.Ok(await desk.Changes(user, query!.Value.Month, query.Value.Level, Blank(subjectId), ct));
    }

    private static async Task<IResult> ExportAuditTrail(HttpContext http, string? month, string? level, string? subjectId, TargetDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var (query, refusal) = AuditQuery(desk, month, level);
        if (refusal is not null)
        {
            return refusal;
        }

        var entries = await desk.Changes(user, query!.Value.Month, query.Value.Level, Blank(subjectId), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"target-changes-{month}.csv\"";
        // A reason beginning with = @ - could run as a formula in a spreadsheet.
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape, InjectionCharacters = "=@-\t\r" };
        await using var csv = CsvWriter.Create(http.Response.Body, options, leaveOpen: true);
        csv.WriteHeader(AuditColumns);
        foreach (var e in entries)
        {
            await csv.WriteRecordAsync(
                [e.ChangeId.ToString(CultureInfo.InvariantCulture), e.ChangedAt.ToString("O", CultureInfo.InvariantCulture), TargetCodes.Of(e.Level), e.SubjectId,
                 e.RegionId, e.StoreId, TargetMonth.Text(e.Month), e.OldAmount?.ToString(CultureInfo.InvariantCulture), e.NewAmount.ToString(CultureInfo.InvariantCulture),
                 e.ChangedBy, e.Source, e.Reason, e.RequestId?.ToString(CultureInfo.InvariantCulture)],
                ct);
        }

        await csv.FlushAsync(ct);
        return Results.Empty;
    }

    private static ((DateOnly Month, TargetLevel? Level)? Query, IResult? Refusal) AuditQuery(TargetDesk desk, string? month, string? level)
    {
        if (ParseMonth(desk, "audit", month) is not { } first)
        {
            return (null, BadMonth(month));
        }

        if (level is not null && TargetCodes.LevelOf(level) is null)
        {
            desk.Refused("audit", "invalid_level");
            return (null, Results.ValidationProblem(Field("level", "One of region, store, rep."), title: "Invalid query"));
        }

        return ((first, TargetCodes.LevelOf(level)), null);
    }

    private static IResult Refusal(TargetOutcome outcome, TargetLevel level, string subjectId)
    {
        if (outcome.Unknown)
        {
            return Unknown(level, subjectId);
        }

        if (outcome.Forbidden is { } forbidden)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to set", detail: forbidden, extensions: Rule("not-setter", "role"));
        }

        var refused = outcome.Refused!;
        return refused.Refusal switch
        {
            TargetRefusal.Frozen or TargetRefusal.NotFrozen or TargetRefusal.AlreadyDecided =>
                Results.Problem(statusCode: StatusCodes.Status409Conflict, title: refused.Refusal == TargetRefusal.Frozen ? "Month frozen" : "Change refused", detail: refused.Reason, extensions: Rule(refused.Rule, refused.Field)),
            TargetRefusal.NotApprover or TargetRefusal.OwnRequest =>
                Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to decide", detail: refused.Reason, extensions: Rule(refused.Rule, refused.Field)),
            _ => Results.ValidationProblem(Field(refused.Field, refused.Reason), title: "Invalid target", extensions: Rule(refused.Rule, refused.Field)),
        };
    }

    private static IResult Unknown(TargetLevel level, string subjectId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {TargetCodes.Of(level)}", detail: $"There is no {TargetCodes.Of(level)} '{subjectId}'.");

    private static DateOnly? ParseMonth(TargetDesk desk, string operation, string? month)
    {
        var first = TargetMonth.Parse(month);
        if (first is null)
        {
            desk.Refused(operation, "invalid_month");
        }

        return first;
    }

    private static IResult BadMonth(string? month) =>
        Results.ValidationProblem(Field("month", $"'{month}' is not a month as yyyy-MM."), title: "Invalid month");

    private static Dictionary<string, string[]> Field(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    private static Dictionary<string, object?> Rule(string rule, string field) => new(StringComparer.Ordinal) { ["rule"] = rule, ["field"] = field };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The body of a target PUT: the new amount and, optionally, why.</summary>
public sealed record TargetAmountBody(decimal? Amount, string? Reason);

/// <summary>The body of a change request.</summary>
public sealed record TargetRequestBody(string? Level, string? SubjectId, string? Month, decimal? Amount, string? Reason);

/// <summary>The optional body of a decision.</summary>
public sealed record TargetDecisionBody(string? Note);

/// <summary>A target as the API answers it.</summary>
public sealed record TargetAnswer(
    string Level, string SubjectId, string Name, string RegionId, string? StoreId, string Month, decimal? Amount, DateTimeOffset FreezesAt, bool Frozen, bool CanSet,
    IReadOnlyList<TargetDayAnswer>? Days)
{
    public static TargetAnswer Of(TargetView view) => new(
        TargetCodes.Of(view.Level), view.SubjectId, view.Name, view.RegionId, view.StoreId, TargetMonth.Text(view.Month), view.Amount, view.FreezesAt, view.Frozen,
        view.CanSet, view.Days?.Select(d => new TargetDayAnswer(d.Day, d.Amount)).ToArray());
}

public sealed record TargetDayAnswer(DateOnly Day, decimal Amount);

/// <summary>A change request as the API answers it.</summary>
public sealed record TargetRequestAnswer(
    long RequestId, string Level, string SubjectId, string Month, decimal? CurrentAmount, decimal NewAmount, string Reason, string RequestedBy,
    DateTimeOffset RequestedAt, string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote)
{
    public static TargetRequestAnswer Of(TargetChangeRequest r) => new(
        r.RequestId, TargetCodes.Of(r.Level), r.SubjectId, TargetMonth.Text(r.Month), r.CurrentAmount, r.NewAmount, r.Reason, r.RequestedBy, r.RequestedAt,
        r.Status, r.DecidedBy, r.DecidedAt, r.DecisionNote);
}
