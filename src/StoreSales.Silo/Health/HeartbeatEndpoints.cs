using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Health;
using StoreSales.ServiceDefaults.Limits;
using StoreSales.Silo.Access;
using StoreSales.Silo.Ingest;

namespace StoreSales.Silo.Health;

/// <summary><c>POST /api/stores/{storeId}/heartbeats</c>: an edge agent's word on itself and its devices.</summary>
public static partial class HeartbeatEndpoints
{
    public static IEndpointRouteBuilder MapHeartbeats(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/stores/{storeId}/heartbeats", PostHeartbeat)
            .RequireAuthorization(StoreKeyAuthenticationHandler.SchemeName)
            .WithName("PostAgentHeartbeat")
            .WithSummary("Report an edge agent's health and its devices")
            .WithDescription("The store keeps the latest heartbeat only; devices count as offline when the agent says so or when no heartbeat came for Live:DeviceOfflineAfter. Answers 202 with no body.")
            .Accepts<AgentHeartbeat>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> PostHeartbeat(
        string storeId,
        HttpContext http,
        IGrainFactory grains,
        IngestMetrics metrics,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var body = new StoreBody<AgentHeartbeat>("heartbeat", HeartbeatValidator.Validate, "invalid_heartbeat", h => h.AgentId);
        var read = await StoreRequests.Admit(http, storeId, body, metrics.HeartbeatRejected, loggerFactory.CreateLogger("StoreSales.Heartbeats"), cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var heartbeat = read.Value!;
        await grains.GetGrain<IStoreGrain>(storeId).ReportHeartbeat(ToStoreHeartbeat(heartbeat));
        metrics.Heartbeat(storeId);
        return Results.Accepted();
    }

    private static StoreHeartbeat ToStoreHeartbeat(AgentHeartbeat h) => new(
        h.AgentId,
        h.AgentVersion,
        h.SentAt,
        h.OutboxDepth,
        h.OldestUnsentAgeSeconds is { } age ? TimeSpan.FromSeconds(age) : null,
        h.RejectedCount,
        h.LastAckAt,
        h.ClockSkewSeconds is { } skew ? TimeSpan.FromSeconds(skew) : null,
        [.. h.Devices.Select(d => new DeviceReport(
            d.TerminalId,
            d.Kind,
            d.Path,
            d.Online,
            d.LastEventAt,
            (d.Counters ?? ImmutableDictionary<string, long>.Empty).ToImmutableDictionary(StringComparer.Ordinal)))],
        h.OutboxBytes,
        h.OutboxMaxBytes,
        h.OutboxState);
}
