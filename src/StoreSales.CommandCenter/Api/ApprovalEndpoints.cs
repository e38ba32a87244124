using System.Security.Claims;
using StoreSales.CommandCenter.Approvals;
using StoreSales.Domain.Approvals;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// The approvals inbox (docs/domain.md "Approvals"): what waits for the viewer's decision, one request with its chain of
/// decisions, and a decision with its reason. The work is <see cref="ApprovalDesk"/>'s; this maps its outcomes to HTTP.
/// </summary>
public static class ApprovalEndpoints
{
    public static IEndpointRouteBuilder MapApprovalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization();

        api.MapGet("", Inbox)
            .WithName("ListApprovalInbox")
            .WithSummary("The approval requests waiting for the viewer's decision, oldest due first")
            .WithDescription(
                "A sales director sees the requests that wait for a sales director in a region or team named to them; legal and "
                + "finance those waiting for legal or finance, chain-wide; a role that has decided is no longer waited for. "
                + "Nobody's own requests (nobody decides their own). HQ and administrators: every pending request (they watch; they decide only in a required role they hold). `mine=true`: instead, the requests the viewer filed, newest "
                + "first, with their state. At most `Approvals:InboxLimit` (200). `overdue`: past the kind's `Approvals:Sla`.")
            .Produces<ApprovalAnswer[]>();

        api.MapGet("/{approvalId:long}", Get)
            .WithName("GetApproval")
            .WithSummary("One approval request: what is asked, its summary, its chain of decisions so far, what the viewer may do")
            .WithDescription(
                "Seen by the approvers in its scope, its requester, HQ and administrators; 404 for everyone else, as for an unknown id. "
                + "`yourRoles`: the required roles the viewer decides it in that are still open (empty: nothing for them to do).")
            .Produces<ApprovalAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{approvalId:long}/decision", Decide)
            .WithName("DecideApproval")
            .WithSummary("Approves or rejects a request in the viewer's open required role, with a reason")
            .WithDescription(
                "Every required role decides once, in any order; one rejection rejects; the request is approved when every "
                + "required role has approved, and its kind's outcome is applied in the same transaction. Refusals name their "
                + "`rule`: `own-request` (403: nobody decides their own request), `not-approver` (403: none of the viewer's roles "
                + "is required, in scope), `already-decided` (409: approved, rejected or withdrawn), `role-already-decided` (409: "
                + "of two simultaneous decisions in one role, one is kept), `reason-required` (400 naming `reason`). A request the "
                + "viewer may not see: 404. Nothing is changed by a refusal; every refusal is counted.")
            .Accepts<ApprovalDecisionRequest>("application/json")
            .Produces<ApprovalAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> Inbox(bool? mine, ApprovalDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var views = mine == true ? await desk.Mine(user, ct) : await desk.Inbox(user, ct);
        return Results.Ok(views.Select(ApprovalAnswer.Of).ToArray());
    }

    private static async Task<IResult> Get(long approvalId, ApprovalDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        await desk.Find(user, approvalId, ct) is { } view ? Results.Ok(ApprovalAnswer.Of(view)) : NotFound(approvalId);

    private static async Task<IResult> Decide(long approvalId, HttpRequest request, ApprovalDesk desk, ApprovalMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<ApprovalDecisionRequest>(request, ct);
        if (body is null || body.Approve is null)
        {
            metrics.Rejected(ApprovalDesk.DecideOperation, "invalid-body");
            return Results.ValidationProblem(errors ?? new Dictionary<string, string[]> { ["approve"] = ["true to approve, false to reject."] }, title: "Invalid decision");
        }

        return await desk.Decide(user, approvalId, body.Approve.Value, body.Reason, ct) switch
        {
            ApprovalKept kept => Results.Ok(ApprovalAnswer.Of(kept.View)),
            ApprovalNotFound => NotFound(approvalId),
            ApprovalRefusedByRule { Refused: var refused } => Refusal(refused),
            var other => throw new InvalidOperationException($"Unexpected decision outcome {other}."),
        };
    }

    /// <summary>The HTTP answer of a refusal: 400 for a missing reason (the field), 403 for who may not, 409 for the state.</summary>
    private static IResult Refusal(ApprovalRefused refused)
    {
        var rule = new Dictionary<string, object?> { ["rule"] = refused.Rule };
        return refused.Refusal switch
        {
            ApprovalRefusal.ReasonMissing => Results.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [refused.Reason] }, title: "Decision refused", extensions: rule),
            ApprovalRefusal.OwnRequest or ApprovalRefusal.NotApprover => Results.Problem(
                statusCode: StatusCodes.Status403Forbidden, title: "Decision refused", detail: refused.Reason, extensions: rule),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Decision refused", detail: refused.Reason, extensions: rule),
        };
    }

    private static IResult NotFound(long approvalId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown approval request", detail: $"There is no approval request {approvalId}.");
}

/// <summary>A decision: <c>approve</c> true or false, and why.</summary>
public sealed record ApprovalDecisionRequest(bool? Approve, string? Reason);
