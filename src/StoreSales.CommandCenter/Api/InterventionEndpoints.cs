using System.Security.Claims;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.CommandCenter.Api;

public static class InterventionEndpoints
{
    /// <summary>A person's step on an alert: acknowledge, start (in progress) or resolve (outcome required).</summary>
    public sealed record InterventionActionRequest(string AlertId, InterventionAction Action, string? Note);

    public static IEndpointRouteBuilder MapInterventionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/interventions").WithTags("Interventions").RequireAuthorization();

        api.MapGet("", async Task<IResult> (InterventionInbox inbox, ChainAccess access, ClaimsPrincipal user, string? regionId, bool? openOnly, int? limit, CancellationToken ct) =>
            {
                var scope = user.ToViewerScope();
                var mine = InboxScope.Of(scope);
                if (regionId is not null)
                {
                    var region = await access.Region(user, regionId, ct);
                    if (!region.IsAllowed || !scope.CanSeeInterventions(regionId))
                    {
                        return region.IsAllowed ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not in your scope", detail: $"Your sign-in does not cover the inbox of region '{regionId}'.") : region.Denied("region", regionId);
                    }

                    // One region's inbox: that region's alerts only.
                    mine = new InboxScope(new HashSet<string>(StringComparer.Ordinal) { regionId }, new HashSet<string>(), new HashSet<string>());
                }

                return Results.Ok(await inbox.List(mine, openOnly ?? true, Math.Clamp(limit ?? 100, 1, 1000), ct));
            })
            .WithName("ListInterventions")
            .WithSummary("The inbox: alerts of a region, or (without regionId) of every region the viewer leads, of the stores they manage and every alert assigned to someone they answer for (finance, their own rep: alerts, their team), newest first; open ones only unless openOnly=false")
            .Produces<IReadOnlyList<InboxEntry>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/actions", async Task<IResult> (InterventionActionRequest request, InterventionDesk desk, ClaimsPrincipal user) =>
            {
                // Without an alert id the desk failed on the null (500, found by the authorization matrix).
                if (string.IsNullOrWhiteSpace(request.AlertId))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["alertId"] = ["The alert to act on is required."] });
                }

                var answer = await desk.Act(user, request.AlertId, request.Action, request.Note);
                return answer.Outcome switch
                {
                    InterventionDesk.Outcome.Done => Results.Ok(answer.Intervention),
                    InterventionDesk.Outcome.UnknownAlert => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown alert", detail: answer.Reason),
                    InterventionDesk.Outcome.NotAllowed => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: answer.Reason),
                    _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Action refused", detail: answer.Reason),
                };
            })
            .WithName("ActOnIntervention")
            .WithSummary("Acknowledge, start or resolve (with outcome as note) an alert; refused with the reason when the lifecycle does not allow it")
            .Produces<Intervention>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
