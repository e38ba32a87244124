using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Stores × tills posting batches through the real ingest API; each till waits for its ack before the next
/// batch, as an edge agent does. Optionally paced to a target rate.
/// </summary>
internal static class IngestLoad
{
    public static Task<IngestResult> Run(Uri silo, SaleBatches batches, BenchmarkOptions options, int firstStore, double? targetSalesPerSecond, bool catchUp = false, CancellationToken stop = default) =>
        Run([silo], batches, options, firstStore, targetSalesPerSecond, catchUp, stop: stop);

    /// <param name="silos">Ingest endpoints; store i posts to silo i modulo their number, as up.sh spreads its stores.</param>
    /// <param name="window">Told true when the measured window opens and false when it closes (to read other counters over it).</param>
    public static async Task<IngestResult> Run(IReadOnlyList<Uri> silos, SaleBatches batches, BenchmarkOptions options, int firstStore, double? targetSalesPerSecond, bool catchUp = false, Action<bool>? window = null, CancellationToken stop = default)
    {
        var latencies = new ConcurrentBag<double>();
        long sales = 0, lines = 0, errors = 0, busy = 0;
        var measuring = false;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var tills = options.Stores * options.Tills;
        var perTillInterval = targetSalesPerSecond is { } rate ? TimeSpan.FromSeconds(options.BatchSize * tills / rate) : TimeSpan.Zero;

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var workers = Enumerable.Range(0, tills).Select(async t =>
        {
            var store = firstStore + (t / options.Tills);
            var terminal = $"B{t % options.Tills:D2}";
            using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = silos[store % silos.Count], Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Store-Key", BenchmarkChain.Key(store));
            var random = new Random(t);
            var sequence = (long)(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond % 100_000) * 1_000_000;
            var path = $"/api/stores/{BenchmarkChain.StoreId(store)}/sales/batches";
            // Paced tills start spread over one interval, as a chain's tills ring up at their own moments: started
            // together they would stay in step and post the whole chain's batches in one burst per interval (runs
            // before 2026-11-23 16:35Z did: that burst was the multi-second "stall" of their probes).
            if (perTillInterval > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(perTillInterval * t / tills, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            while (!cts.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var batch = new SaleBatch { CatchUp = catchUp, Sales = Enumerable.Range(0, options.BatchSize).Select(_ => batches.Sale(terminal, ++sequence, random, options.LinesPerSale)).ToList() };
                var retryAfter = TimeSpan.Zero;
                try
                {
                    using var response = await client.PostAsync(path, SaleBatchBody.Of(batch), cts.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        if (Volatile.Read(ref measuring))
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                            Interlocked.Add(ref sales, batch.Sales.Count);
                            Interlocked.Add(ref lines, batch.Sales.Sum(s => s.Lines.Count));
                        }
                    }
                    else if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
                    {
                        // As an agent does: the same sales again after the server's delay (the sequence is reused).
                        Interlocked.Increment(ref busy);
                        sequence -= batch.Sales.Count;
                        retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                var wait = retryAfter > TimeSpan.Zero ? retryAfter : perTillInterval - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, cts.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }).ToList();

        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), stop);
        window?.Invoke(true);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A background load is stopped by its caller: what was sent until then is the result.
        }

        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed;
        window?.Invoke(false);
        await cts.CancelAsync();
        await Task.WhenAll(workers);

        return new IngestResult(Interlocked.Read(ref sales), Interlocked.Read(ref lines), elapsed, [.. latencies], Interlocked.Read(ref errors), Interlocked.Read(ref busy));
    }
}

internal sealed record IngestResult(long Sales, long Lines, TimeSpan Elapsed, List<double> AckLatenciesMs, long Errors, long Busy)
{
    public double SalesPerSecond => Sales / Elapsed.TotalSeconds;

    public void Print()
    {
        Console.WriteLine($"sustained: {SalesPerSecond:N0} sales/s, {Lines / Elapsed.TotalSeconds:N0} lines/s ({Sales:N0} sales in {Elapsed.TotalSeconds:0.0}s, {Errors} errors, {Busy} answered 503 and sent again)");
        Console.WriteLine($"batch ack latency: p50 {Percentiles.Of(AckLatenciesMs, 50):0.0} ms, p99 {Percentiles.Of(AckLatenciesMs, 99):0.0} ms over {AckLatenciesMs.Count:N0} batches");
        Console.WriteLine();
    }
}
