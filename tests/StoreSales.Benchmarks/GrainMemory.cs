using System.Diagnostics;
using System.Net.Http.Json;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Activates store grains (one 10-line sale each, through the ingest API) and reads the managed heap after a
/// full collection: the growth per grain is what an active store costs the silo.
/// </summary>
internal static class GrainMemory
{
    public static async Task<MemoryResult> Run(SiloUnderTest silo, SaleBatches batches, int firstStore, int[] steps)
    {
        var results = new List<(int Grains, long HeapBytes, long WorkingSet)>();
        var baseline = Measure();
        results.Add((0, baseline.Heap, baseline.WorkingSet));
        var active = 0;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        foreach (var target in steps)
        {
            var stores = Enumerable.Range(firstStore + active, target - active).ToList();
            await Parallel.ForEachAsync(stores, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (store, ct) =>
            {
                using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = silo.BaseAddress };
                client.DefaultRequestHeaders.Add("X-Store-Key", BenchmarkChain.Key(store));
                var batch = new SaleBatch { Sales = [batches.Sale("M01", 1, new Random(store))] };
                (await client.PostAsJsonAsync($"/api/stores/{BenchmarkChain.StoreId(store)}/sales/batches", batch, ct)).EnsureSuccessStatusCode();
            });
            active = target;
            var measured = Measure();
            results.Add((active, measured.Heap, measured.WorkingSet));
        }

        return new MemoryResult(results);
    }

    private static (long Heap, long WorkingSet) Measure()
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
            Console.WriteLine($"{grains,6:N0} active grains: managed heap {heap / 1048576.0:N1} MB, working set {ws / 1048576.0:N0} MB; "
                + $"the last {added:N0} added {(heap - previousHeap) / 1024.0 / added:N1} KB heap and {(ws - previousWs) / 1024.0 / added:N1} KB working set each");
        }

        Console.WriteLine();
    }
}
