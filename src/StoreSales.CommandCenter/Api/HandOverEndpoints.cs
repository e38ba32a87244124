using System.Security.Claims;
using StoreSales.CommandCenter.HandOvers;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Offboarding (离职交接, docs/domain.md "Offboarding hand-over"): a rep's departure opens a hand-over per customer;
/// successors are named, stage and notes confirmed, and <see cref="HandOverRule"/> decides when one may be completed.
/// The work is <see cref="HandOverDesk"/>'s; this maps its outcomes to HTTP.
/// </summary>
public static class HandOverEndpoints
{
    public static IEndpointRouteBuilder MapHandOverApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reps/{repId}/departure", StartDeparture)
            .WithTags("Hand-overs")
            .RequireAuthorization()
            .WithName("StartDeparture")
            .WithSummary("Starts a rep's departure: one hand-over per customer they own, due after SalesForce:HandOver:DueWithin")
            .WithDescription(
                "Opens, in one transaction, a hand-over for every customer the rep owns (not those in the public pool) with the "
                + "customer's stage and its last `SalesForce:HandOver:NotesRequired` (3) interaction notes as they are now, all due at "
                + "start + `SalesForce:HandOver:DueWithin` (72 h); not completed by then, the region's supervisor is alerted "
                + "(`hand-over-overdue`). Started by the rep's store manager, a sales manager of the rep's department or an "
                + "administrator (403 `not-team-manager` for others who see the rep). An unknown rep, or one outside the viewer's "
                + "sight: 404. A rep already departing or gone: 409 with `rule` `already-departing` / `already-gone`, nothing "
                + "changed. A rep without customers is gone at once. `reason` is required (400).")
            .Accepts<StartDepartureRequest>("application/json")
            .Produces<DepartureAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var api = app.MapGroup("/api/handovers").WithTags("Hand-overs").RequireAuthorization();

        api.MapGet("", List)
            .WithName("ListHandOvers")
            .WithSummary("The hand-overs the viewer may see: their team's, or those naming them as successor")
            .WithDescription(
                "HQ and administrators see all; a region's manager and supervisors those of the region's reps; a store manager "
                + "those of the store's reps; a sales manager those of the department's reps; a successor those naming them. "
                + "`status`: `Open`, `Overdue`, `HandedOver`, `HandedOverLate` (400 otherwise); `repId`: one departing rep. "
                + "Open ones first, soonest due first.")
            .Produces<HandOverAnswer[]>()
            .ProducesValidationProblem();

        api.MapGet("/{handOverId:long}", Get)
            .WithName("GetHandOver")
            .WithSummary("One hand-over, judged now: status, due time, what it still lacks")
            .WithDescription("Seen by whoever sees it in the list; 404 otherwise, as for an unknown id.")
            .Produces<HandOverAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{handOverId:long}", Update)
            .WithName("UpdateHandOver")
            .WithSummary("Names the successors and confirms the customer's stage and last notes")
            .WithDescription(
                "Each field is optional; what is sent replaces what was there. `successors`: 1–3 working reps of the departing "
                + "rep's store or department, not the departing rep, none twice (400 naming `successors` with each broken rule: "
                + "`too-few-successors`, `too-many-successors`, `departing-rep-as-successor`, `duplicate-successor`, "
                + "`successor-not-in-team`, `successor-leaving`); the first becomes the owner on completion, the others are "
                + "co-successors. `stage`: `OpenLead`, `FollowUpDue`, `Active`, `Dormant` (400 otherwise). `notesConfirmed`: the "
                + "notes snapshot is handed over. Worked by the managers who may start the departure (403); a completed hand-over: 409 "
                + "`hand-over-completed`.")
            .Accepts<UpdateHandOverRequest>("application/json")
            .Produces<HandOverAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{handOverId:long}/complete", Complete)
            .WithName("CompleteHandOver")
            .WithSummary("Completes a hand-over: the first successor owns the customer from now")
            .WithDescription(
                "Refused with 409 `hand-over-gaps` and `gaps` naming each: `stage-missing`, `notes-missing`, `too-few-successors`, "
                + "… . On completion the customer's owner is the first successor and its dormancy count restarts, as on an "
                + "assignment; with the departure's last hand-over the rep is gone (`repGone`), and a later departure for them is 409 `already-gone`.")
            .Produces<HandOverAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> StartDeparture(string repId, HttpRequest request, HandOverDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<StartDepartureRequest>(request, ct);
        if (body is null)
        {
            return Results.ValidationProblem(errors!, title: "Invalid departure");
        }

        return Answer(await desk.StartDeparture(user, repId, body.Reason, body.LastWorkingDay, ct), "Invalid departure", value => value switch
        {
            DepartureAnswer started => Results.Created($"/api/handovers?repId={Uri.EscapeDataString(started.RepId)}", started),
            _ => throw new InvalidOperationException($"Unexpected departure answer {value}."),
        });
    }

    private static async Task<IResult> List(string? status, string? repId, HandOverDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        HandOverStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<HandOverStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["status"] = [$"One of {string.Join(", ", Enum.GetNames<HandOverStatus>())}."] },
                    title: "Invalid hand-over query");
            }

            parsed = s;
        }

        var views = await desk.List(user, repId, parsed, ct);
        return Results.Ok(views.Select(v => HandOverAnswer.Of(v)).ToArray());
    }

    private static async Task<IResult> Get(long handOverId, HandOverDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await desk.Find(user, handOverId, ct), "Invalid hand-over", value => Results.Ok(HandOverAnswer.Of((HandOverView)value)));

    private static async Task<IResult> Update(long handOverId, HttpRequest request, HandOverDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<UpdateHandOverRequest>(request, ct);
        if (body is null)
        {
            return Results.ValidationProblem(errors!, title: "Invalid hand-over");
        }

        return Answer(await desk.Update(user, handOverId, body.Successors, body.Stage, body.NotesConfirmed, ct), "Invalid hand-over", value => Changed(value, desk));
    }

    private static async Task<IResult> Complete(long handOverId, HandOverDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(await desk.Complete(user, handOverId, ct), "Invalid hand-over", value => Changed(value, desk));

    private static IResult Changed(object value, HandOverDesk desk) =>
        value is ValueTuple<HandOverView, bool> changed
            ? Results.Ok(HandOverAnswer.Of(changed.Item1) with { RepGone = changed.Item2 })
            : throw new InvalidOperationException($"Unexpected hand-over answer {value}.");

    private static IResult Answer(HandOverOutcome outcome, string invalidTitle, Func<object, IResult> done) => outcome switch
    {
        HandOverDone<DepartureAnswer> d => done(d.Value),
        HandOverDone<HandOverView> d => done(d.Value),
        HandOverDone<(HandOverView View, bool RepGone)> d => done(d.Value),
        HandOverNotFound nf => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {nf.What}", detail: $"There is no {nf.What} '{nf.Id}'."),
        HandOverForbidden f => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: f.Detail, extensions: new Dictionary<string, object?> { ["rule"] = f.Rule }),
        HandOverConflict c => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: c.Detail, extensions: new Dictionary<string, object?>(c.Facts) { ["rule"] = c.Rule }),
        HandOverInvalid i => Results.ValidationProblem(i.Errors, title: invalidTitle),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };
}

/// <summary>Why the rep leaves, and their last working day if known.</summary>
public sealed record StartDepartureRequest(string? Reason, DateOnly? LastWorkingDay);

/// <summary>What to set on a hand-over; null leaves a field as it is.</summary>
public sealed record UpdateHandOverRequest(string[]? Successors, string? Stage, bool? NotesConfirmed);
