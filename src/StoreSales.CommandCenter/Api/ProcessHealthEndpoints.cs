using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoreSales.Abstractions.Chain;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Reps;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Rep process health, weekly (docs/domain.md, "Rep process health"): the counts from PostgreSQL
/// (<see cref="RepProcessHealthCounts"/>, set-based), the verdicts by the Domain rule (<see cref="RepProcessHealth"/>),
/// scoped by <see cref="ProcessHealthAccessRule"/>. Every answer is counted (<see cref="CustomerMetrics"/>).
/// </summary>
public static class ProcessHealthEndpoints
{
    private const string RepOperation = "rep-health";
    private const string TeamOperation = "team-health";

    private const string WeekDescription =
        "`week`: an ISO week such as `2026-W49` (the chain's weeks run Monday to Sunday in `SalesForce:Calendar:TimeZone`); "
        + "default the current week, counted as it stands now. A lead counts in the week its `SalesForce:ProcessHealth:LeadResponseWithin` "
        + "(24 h) window closes, answered in time when its first contact came before it closed; a follow-up action in the week "
        + "it is due, in time when done on or before its due date; profiles of the customers owned at the week's end, complete "
        + "when every field of `MemberProfileFields` / `AccountProfileFields` is filled. Items not due yet are not counted; a "
        + "measure with nothing to count has the verdict `NoData`.";

    public static IEndpointRouteBuilder MapProcessHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Process health").RequireAuthorization();

        api.MapGet("/reps/{repId}/health", Rep)
            .WithName("GetRepProcessHealth")
            .WithSummary("A rep's process health for a week: lead first response, follow-up closure and profile completeness against their targets")
            .WithDescription(WeekDescription + " Seen by the rep, the manager of the rep's store, a sales manager of the rep's department, "
                + "the region's manager and supervisors, HQ and administrators; anyone else (a colleague too) gets 404, as for an unknown rep.")
            .Produces<RepHealthAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/teams/{departmentId}/health", Team)
            .WithName("GetTeamProcessHealth")
            .WithSummary("A team's process health for a week: its reps' counts pooled, and each rep's")
            .WithDescription(WeekDescription + " A team is a department's reps; a store's own team (named by the store id, `store-sh001`) "
                + "is the store's reps. Seen by a sales manager of the department, a store manager leading the team, the manager and "
                + "supervisors of the region where all its reps work, HQ and administrators; anyone else, and a team without reps, 404.")
            .Produces<TeamHealthAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> Rep(
        string repId, string? week, IChainDirectory directory, RepProcessHealthCounts counts, WeekClock clock,
        IOptions<ProcessHealthOptions> options, CustomerMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!clock.TryWeek(week, out var monday))
        {
            return InvalidWeek(metrics, RepOperation);
        }

        // A rep unknown to master data and one outside the viewer's scope answer alike: nothing is told.
        var rep = await directory.FindRep(repId, ct);
        var store = rep is null ? null : await directory.FindStore(rep.StoreId, ct);
        if (rep is null || store is null || !ProcessHealthAccessRule.CanSeeRep(user.ToViewerScope(), repId, store.StoreId, store.RegionId, rep.DepartmentId))
        {
            metrics.Rejected(RepOperation, "not_found");
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown rep", detail: $"No rep '{repId}' in your scope.");
        }

        var now = clock.Now();
        var counted = (await counts.Of([repId], monday, now, ct))[repId];
        metrics.Accepted(RepOperation);
        return Results.Ok(RepHealthAnswer.Of(repId, monday, now, clock, RepProcessHealth.Evaluate(counted, options.Value)));
    }

    private static async Task<IResult> Team(
        string departmentId, string? week, RepProcessHealthCounts counts, WeekClock clock,
        IOptions<ProcessHealthOptions> options, CustomerMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!clock.TryWeek(week, out var monday))
        {
            return InvalidWeek(metrics, TeamOperation);
        }

        var reps = await counts.TeamOf(departmentId, ct);
        if (reps.Count == 0 || !ProcessHealthAccessRule.CanSeeTeam(user.ToViewerScope(), departmentId, [.. reps.Select(r => r.RegionId)]))
        {
            metrics.Rejected(TeamOperation, "not_found");
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown team", detail: $"No team '{departmentId}' in your scope.");
        }

        var now = clock.Now();
        var byRep = await counts.Of([.. reps.Select(r => r.RepId)], monday, now, ct);
        var settings = options.Value;
        metrics.Accepted(TeamOperation);
        return Results.Ok(new TeamHealthAnswer(
            departmentId,
            ChainWeek.NameOf(monday),
            monday,
            monday.AddDays(6),
            clock.HasEnded(monday, now),
            [.. RepProcessHealth.Team(byRep.Values, settings).Metrics],
            [.. byRep.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => RepHealthAnswer.Of(r.Key, monday, now, clock, RepProcessHealth.Evaluate(r.Value, settings)))]));
    }

    private static IResult InvalidWeek(CustomerMetrics metrics, string operation)
    {
        metrics.Rejected(operation, "invalid_week");
        return Results.ValidationProblem(
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["week"] = ["An ISO week such as 2026-W49 (year, W, week number of that year)."] },
            title: "Invalid week");
    }
}

/// <summary>A rep's week: which week, whether it is over, and the three measures with their verdicts.</summary>
public sealed record RepHealthAnswer(string RepId, string Week, DateOnly From, DateOnly To, bool WeekEnded, MetricResult[] Metrics)
{
    public static RepHealthAnswer Of(string repId, DateOnly monday, DateTimeOffset now, WeekClock clock, ProcessHealthReport report) =>
        new(repId, ChainWeek.NameOf(monday), monday, monday.AddDays(6), clock.HasEnded(monday, now), [.. report.Metrics]);
}

/// <summary>A team's week: its reps pooled, and each rep's own.</summary>
public sealed record TeamHealthAnswer(string DepartmentId, string Week, DateOnly From, DateOnly To, bool WeekEnded, MetricResult[] Metrics, RepHealthAnswer[] Reps);
