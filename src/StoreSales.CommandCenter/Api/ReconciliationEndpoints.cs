using System.Globalization;
using System.Security.Claims;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.DayEnd;

namespace StoreSales.CommandCenter.Api;

/// <summary>Day-end reconciliation of a store (docs/domain.md "Day-end reconciliation"), scoped like the store's board.</summary>
public static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Progress").RequireAuthorization()
            .MapGet("/stores/{storeId}/reconciliation", Get)
            .WithName("GetStoreReconciliation")
            .WithSummary("A store's day-end reconciliation: per business day and terminal, the till's Z, the ledger and the store grain, their difference and the sales that explain it")
            .WithDescription("With ?day=yyyy-MM-dd that business day (terminals with sales but no Z are listed as such); without, the newest days that have a Z (DayEnd:MaxDays). Seen by whoever may see the store; another store is 404 like an unknown one, or 403 when it is known to be outside the viewer's scope, as for the board.")
            .Produces<IReadOnlyList<StoreDayReconciliation>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Get(string storeId, string? day, ChainAccess access, ClaimsPrincipal user, DayEndReconciler reconciler, CancellationToken ct)
    {
        DateOnly? businessDay = null;
        if (day is not null)
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["day"] = [$"'{day}' is not a business day: write yyyy-MM-dd."] }, title: "Invalid day");
            }

            businessDay = parsed;
        }

        if (await access.Store(user, storeId, ct) is { IsAllowed: false } denied)
        {
            return denied.Denied("store", storeId);
        }

        return Results.Ok(await reconciler.Days(storeId, businessDay, ct));
    }
}
