using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Time from posting a sale to the ingest API until a SignalR client subscribed to the store receives the
/// store's ProgressUpdated that contains it, while the rest of the chain posts at a paced background load.
/// (The edge agent's own outbox-to-upload delay, 100 ms idle polling by default, comes on top.)
/// </summary>
internal static class BoardLatency
{
    public static async Task<BoardResult> Run(SiloUnderTest silo, CommandCenterUnderTest commandCenter, SaleBatches batches, BenchmarkOptions options, double backgroundSalesPerSecond, int probeStore)
    {
        using var stop = new CancellationTokenSource();
        var background = IngestLoad.Run(silo.BaseAddress, batches, options with { Seconds = 3600, WarmupSeconds = 0 }, firstStore: 0, targetSalesPerSecond: backgroundSalesPerSecond, stop.Token);

        var storeId = BenchmarkChain.StoreId(probeStore);
        await using var hub = await commandCenter.CreateSignedInHubConnection(DemoLogins.Hq);
        var seen = new ConcurrentDictionary<int, long>();
        var waiting = new ConcurrentDictionary<int, TaskCompletionSource>();
        hub.On<JsonElement>("ProgressUpdated", progress =>
        {
            if (progress.GetProperty("storeId").GetString() != storeId)
            {
                return;
            }

            var count = progress.GetProperty("day").GetProperty("salesCount").GetInt32();
            foreach (var (expected, tcs) in waiting)
            {
                if (count >= expected)
                {
                    tcs.TrySetResult();
                }
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("JoinStore", storeId);

        using var client = silo.CreateClient(BenchmarkChain.Key(probeStore));
        var random = new Random(7);
        var latencies = new List<double>();
        var timeouts = 0;
        await Task.Delay(TimeSpan.FromSeconds(3));
        for (var i = 1; i <= 100; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[i] = done;
            var started = Stopwatch.GetTimestamp();
            var batch = new SaleBatch { Sales = [batches.Sale("P01", i, random, options.LinesPerSale)] };
            (await client.PostAsJsonAsync($"/api/stores/{storeId}/sales/batches", batch)).EnsureSuccessStatusCode();
            if (await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(5))) == done.Task)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                timeouts++;
            }

            waiting.TryRemove(i, out _);
            await Task.Delay(150);
        }

        await stop.CancelAsync();
        var load = await background.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
        return new BoardResult(latencies, timeouts, load);
    }
}

internal sealed record BoardResult(List<double> LatenciesMs, int Timeouts, IngestResult? Background)
{
    public void Print()
    {
        Console.WriteLine($"post-to-board: p50 {Percentiles.Of(LatenciesMs, 50):0.0} ms, p99 {Percentiles.Of(LatenciesMs, 99):0.0} ms over {LatenciesMs.Count} probes ({Timeouts} not seen within 5 s)");
        Console.WriteLine();
    }
}
