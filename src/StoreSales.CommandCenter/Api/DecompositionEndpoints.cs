using System.Security.Claims;
using StoreSales.CommandCenter.Targets;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.CommandCenter.Api;

/// <summary>
/// Decomposition (智能目标拆解) and dual-track calibration (双轨校准), docs/domain.md "Decomposition": HQ enters a
/// region's monthly target and gets a proposal per store; the region's manager corrects stores with reasons; the split
/// is applied as the stores' targets. <see cref="DecompositionDesk"/> decides; this maps its answers to HTTP.
/// </summary>
public static class DecompositionEndpoints
{
    private const string Scope =
        " Whoever may see the region reads it (HQ, administrators, the region's manager and supervisors); to anyone else the region is unknown (404). "
        + "`month` is yyyy-MM. Refusals name their rule (`rule`).";

    public static IEndpointRouteBuilder MapDecompositionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/targets/decomposition/{regionId}/{month}").WithTags("Targets").RequireAuthorization();

        api.MapGet("", Read)
            .WithName("GetDecomposition")
            .WithSummary("The region's latest decomposition of the month: each store's baseline, factor effects, proposal and correction")
            .WithDescription("404 `no-proposal` while HQ has not entered the region's target for the month." + Scope)
            .Produces<DecompositionAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        api.MapPost("", Propose)
            .WithName("ProposeDecomposition")
            .WithSummary("HQ enters the region's monthly target; StoreSales proposes each store's share (智能目标拆解)")
            .WithDescription(
                "Sets the region's target (audited, source `edit`) and replaces an open proposal of the month. Each store's share is "
                + "proportional to its baseline (same month last year; a new store's recent daily sales × the month's days; a store not "
                + "yet selling: `Targets:Decomposition:NoHistoryShareOfRegionAverage` × the region's average) plus the effects of the "
                + "recent trend, inventory turnover where known, promotions' expected uplift and recorded closures (`Targets:Decomposition`); "
                + "the shares add up to the target to the cent. Only HQ (403 `hq-only`); `amount` zero or more in whole cents (400); "
                + "409 `target-frozen` after the freeze day (`Targets:Freeze:FreezeDay`)." + Scope)
            .Accepts<RegionTargetEntry>("application/json")
            .Produces<DecompositionAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/stores/{storeId}", Correct)
            .WithName("CorrectDecompositionStore")
            .WithSummary("The region's manager corrects one store's proposed share, with at least one reason (双轨校准)")
            .WithDescription(
                "`reasons`: one or more of " + string.Join(", ", CalibrationReasons.All) + "; `other` needs a `note`. The proposal and the "
                + "correction are both kept. Only the region's regional manager (403 `regional-manager-only`); 400 naming `amount`, "
                + "`reasons` or `note`; 404 `no-proposal` / `store-not-in-proposal`; 409 `proposal-closed` (applied or replaced) or "
                + "`target-frozen`." + Scope)
            .Accepts<StoreCorrectionEntry>("application/json")
            .Produces<DecompositionAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/apply", Apply)
            .WithName("ApplyDecomposition")
            .WithSummary("Writes the calibrated split as the stores' month targets, each audited (source calibration), in one transaction")
            .WithDescription(
                "Each store gets its correction where it has one, else the proposal. The amounts must add up to the region's target: "
                + "otherwise 400 `does-not-add-up` naming `difference` (stores' sum − target). HQ or the region's manager (403); "
                + "409 `proposal-closed` or `target-frozen`." + Scope)
            .Produces<DecompositionAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> Read(string regionId, string month, DecompositionDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await desk.Read(user, regionId, month, ct);
        return result.Refusal is not null ? Refusal(result.Refusal)
            : result.Proposal is null ? Refusal(new(StatusCodes.Status404NotFound, "no-proposal", $"Region '{regionId}' has no proposal for {month} yet: HQ enters the region's target first."))
            : Results.Ok(DecompositionAnswer.Of(result));
    }

    private static async Task<IResult> Propose(string regionId, string month, HttpRequest request, DecompositionDesk desk, DecompositionMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<RegionTargetEntry>(request, ct);
        if (body is null)
        {
            return Unreadable(metrics, DecompositionOperations.Propose, errors!, "Invalid region target");
        }

        var result = await desk.Propose(user, regionId, month, body.Amount, ct);
        return result.Refusal is not null ? Refusal(result.Refusal)
            : Results.Created($"/api/targets/decomposition/{regionId}/{month}", DecompositionAnswer.Of(result));
    }

    private static async Task<IResult> Correct(string regionId, string month, string storeId, HttpRequest request, DecompositionDesk desk, DecompositionMetrics metrics, ClaimsPrincipal user, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.Read<StoreCorrectionEntry>(request, ct);
        if (body is null)
        {
            return Unreadable(metrics, DecompositionOperations.Correct, errors!, "Invalid correction");
        }

        var result = await desk.Correct(user, regionId, month, storeId, body.Amount, body.Reasons, body.Note, ct);
        return result.Refusal is not null ? Refusal(result.Refusal) : Results.Ok(DecompositionAnswer.Of(result));
    }

    private static async Task<IResult> Apply(string regionId, string month, DecompositionDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await desk.Apply(user, regionId, month, ct);
        return result.Refusal is not null ? Refusal(result.Refusal) : Results.Ok(DecompositionAnswer.Of(result));
    }

    /// <summary>A body that is not the documented JSON: 400 naming the field the reader stopped at, counted as refused.</summary>
    private static IResult Unreadable(DecompositionMetrics metrics, string operation, Dictionary<string, string[]> errors, string title)
    {
        metrics.Rejected(operation, "body");
        return Results.ValidationProblem(errors, title: title, extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = "body" });
    }

    /// <summary>A 400 as a validation problem naming the field; 403/404/409 as a problem with the rule.</summary>
    private static IResult Refusal(DecompositionRefusal refusal)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = refusal.Rule };
        if (refusal.Difference is { } difference)
        {
            extensions["difference"] = difference;
        }

        return refusal.Field is { } field
            ? Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [refusal.Detail] }, title: "Refused", extensions: extensions)
            : Results.Problem(statusCode: refusal.Status, title: "Refused", detail: refusal.Detail, extensions: extensions);
    }
}
