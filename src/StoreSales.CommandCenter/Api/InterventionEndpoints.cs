using StoreSales.Data.Interventions;

namespace StoreSales.CommandCenter.Api;

public static class InterventionEndpoints
{
    public static IEndpointRouteBuilder MapInterventionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/interventions", (InterventionInbox inbox, string? regionId, bool? openOnly, int? limit, CancellationToken ct) =>
                inbox.List(regionId, openOnly ?? true, Math.Clamp(limit ?? 100, 1, 1000), ct))
            .WithTags("Interventions")
            .WithName("ListInterventions")
            .WithSummary("The supervisor inbox: alerts of a region (or all), newest first; open ones only unless openOnly=false");
        return app;
    }
}
