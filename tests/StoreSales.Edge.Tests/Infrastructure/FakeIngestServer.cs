using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoreSales.Contracts.Health;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a random port, playing the ingest API:
/// checks the store key, records every sale it receives, and acks them as durable unless
/// <see cref="Intercept"/> answers the request first (a 503, a 400 …). Heartbeats are kept in <see cref="Heartbeats"/>.
/// </summary>
public sealed class FakeIngestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private FakeIngestServer(WebApplication app, string storeId, string storeKey)
    {
        _app = app;
        StoreId = storeId;
        StoreKey = storeKey;
    }

    public string StoreId { get; }

    public string StoreKey { get; }

    public string Url { get; private set; } = "";

    /// <summary>Answers a batch before the default ack; null lets the ack happen. Gets the request number (1-based).</summary>
    public Func<SaleBatch, int, IResult?>? Intercept { get; set; }

    /// <summary>How many times each sale arrived in a request, whatever the answer was.</summary>
    public ConcurrentDictionary<SaleKey, int> Received { get; } = new();

    /// <summary>The sales acked as durable: the server's "ledger", one entry per (terminal, sequence).</summary>
    public ConcurrentDictionary<SaleKey, SaleRecord> Ledger { get; } = new();

    /// <summary>Sizes of the batches that were acked.</summary>
    public ConcurrentQueue<int> AckedBatchSizes { get; } = new();

    /// <summary>The number of scans in each scan batch acked, in order.</summary>
    public ConcurrentQueue<int> ScanBatchSizes { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How far this server's clock is from the agent's (both are this machine's): acks carry it in <c>ServerTime</c>.</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Heartbeats received with the right key, in arrival order.</summary>
    public ConcurrentQueue<AgentHeartbeat> Heartbeats { get; } = new();

    public static async Task<FakeIngestServer> StartAsync(string storeId = "store-test", string storeKey = "test-key")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeIngestServer(app, storeId, storeKey);
        app.MapPost("/api/stores/{storeId}/sales/batches", (string storeId, HttpRequest request, SaleBatch batch) => server.Handle(storeId, request, batch));
        app.MapPost("/api/stores/{storeId}/scans/batches", (string storeId, HttpRequest request, ScanBatch batch) => server.HandleScans(storeId, request, batch));
        app.MapPost("/api/stores/{storeId}/heartbeats", (string storeId, HttpRequest request, AgentHeartbeat heartbeat) => server.HandleHeartbeat(storeId, request, heartbeat));
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return server;
    }

    private IResult Handle(string storeId, HttpRequest request, SaleBatch batch)
    {
        var number = Interlocked.Increment(ref _requests);
        if (storeId != StoreId || request.Headers["X-Store-Key"] != StoreKey)
        {
            return Results.Problem(title: "Unknown store or wrong key", statusCode: StatusCodes.Status401Unauthorized);
        }

        foreach (var sale in batch.Sales)
        {
            Received.AddOrUpdate(new SaleKey(sale.TerminalId, sale.Sequence), 1, (_, n) => n + 1);
        }

        if (Intercept?.Invoke(batch, number) is { } answer)
        {
            return answer;
        }

        var accepted = 0;
        foreach (var sale in batch.Sales)
        {
            if (Ledger.TryAdd(new SaleKey(sale.TerminalId, sale.Sequence), sale))
            {
                accepted++;
            }
        }

        AckedBatchSizes.Enqueue(batch.Sales.Count);
        return Results.Ok(new BatchAck
        {
            BatchId = batch.BatchId,
            Accepted = accepted,
            Duplicates = batch.Sales.Count - accepted,
            Durable = [.. batch.Sales.Select(s => new SaleKey(s.TerminalId, s.Sequence))],
            ServerTime = DateTimeOffset.UtcNow + ClockOffset,
        });
    }

    private IResult HandleScans(string storeId, HttpRequest request, ScanBatch batch)
    {
        if (storeId != StoreId || request.Headers["X-Store-Key"] != StoreKey)
        {
            return Results.Problem(title: "Unknown store or wrong key", statusCode: StatusCodes.Status401Unauthorized);
        }

        ScanBatchSizes.Enqueue(batch.Scans.Count);
        return Results.Ok(new BatchAck
        {
            BatchId = batch.BatchId,
            Accepted = batch.Scans.Count,
            Durable = [.. batch.Scans.Select(s => new SaleKey(s.TerminalId, s.Sequence))],
            ServerTime = DateTimeOffset.UtcNow + ClockOffset,
        });
    }

    private IResult HandleHeartbeat(string storeId, HttpRequest request, AgentHeartbeat heartbeat)
    {
        if (storeId != StoreId || request.Headers["X-Store-Key"] != StoreKey)
        {
            return Results.Problem(title: "Unknown store or wrong key", statusCode: StatusCodes.Status401Unauthorized);
        }

        Heartbeats.Enqueue(heartbeat);
        return Results.Accepted();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
