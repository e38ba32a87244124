using System.Diagnostics;
using System.Net.Http.Json;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Activates store grains (one 10-line sale each, through the ingest API) and reads the silo's memory after each
/// step: the growth per grain is what an active store costs the silo, and the last step's resident set is what the
/// whole silo process needs for that many active stores.
/// </summary>
internal static class GrainMemory
{
    public static async Task<MemoryResult> Run(Uri silo, Func<(long Heap, long WorkingSet)> measure, SaleBatches batches, int firstStore, int[] steps)
    {
        var results = new List<(int Grains, long HeapBytes, long WorkingSet)>();
        var baseline = measure();
        results.Add((0, baseline.Heap, baseline.WorkingSet));
        var active = 0;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        foreach (var target in steps)
        {
            var stores = Enumerable.Range(firstStore + active, target - active).ToList();
            await Parallel.ForEachAsync(stores, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (store, ct) =>
            {
                using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = silo };
                client.DefaultRequestHeaders.Add("X-Store-Key", BenchmarkChain.Key(store));
                var batch = new SaleBatch { Sales = [batches.Sale("M01", 1, new Random(store))] };
                (await client.PostAsync($"/api/stores/{BenchmarkChain.StoreId(store)}/sales/batches", SaleBatchBody.Of(batch), ct)).EnsureSuccessStatusCode();
            });
            active = target;
            var measured = measure();
            results.Add((active, measured.Heap, measured.WorkingSet));
        }

        return new MemoryResult(results);
    }

    /// <summary>This process's managed heap after a full collection and its working set (silo in process).</summary>
    public static (long Heap, long WorkingSet) InThisProcess()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}

internal sealed record MemoryResult(List<(int Grains, long HeapBytes, long WorkingSet)> Steps)
{
    public void Print()
    {
        // Per grain from the growth between consecutive steps: earlier phases' garbage and caches cancel out.
        for (var i = 1; i < Steps.Count; i++)
        {
            var (grains, heap, ws) = Steps[i];
            var (previousGrains, previousHeap, previousWs) = Steps[i - 1];
            var added = grains - previousGrains;
            var heapText = heap < 0 ? "" : $"managed heap {heap / 1048576.0:N1} MB, ";
            var heapGrowth = heap < 0 ? "" : $"{(heap - previousHeap) / 1024.0 / added:N1} KB heap and ";
            Console.WriteLine($"{grains,6:N0} active grains: {heapText}silo resident set {ws / 1048576.0:N0} MB; "
                + $"the last {added:N0} added {heapGrowth}{(ws - previousWs) / 1024.0 / added:N1} KB resident each");
        }

        Console.WriteLine();
    }
}
