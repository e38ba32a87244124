using System.Collections.Immutable;
using Dapper;
using StoreSales.Abstractions.Reps;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 8's rep grain footprint: reps in master data (store Shanghai Jing'an, a monthly target each), every rep credited
/// with a month of a busy rep's till sales (--rep-sales, default 2,000) spread over the store's two terminals the way a
/// till credits a rep: every few sales, never a run, so the rep's record of counted (terminal, sequence) pairs holds them
/// all as gaps. This process's managed heap is read before and after: the growth per grain is what an active rep costs
/// the silo (target ≤ 50 KB, docs/benchmarks.md).
/// </summary>
internal static class RepGrainMemory
{
    private const int BatchSize = 200;
    private const int RepsSharingTheTills = 8;

    public static async Task Run(int reps, int salesPerRep)
    {
        Console.WriteLine($"StoreSales rep grain memory  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var database = await TestDatabase.Create("repbench");
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO rep (rep_id, name, store_id, department_id, level)
                SELECT 'rep-bench-' || g, 'Bench ' || g, 'store-sh001', 'dept-bench', 'junior' FROM generate_series(1, @reps) g;
                INSERT INTO rep_target (rep_id, month, amount)
                SELECT 'rep-bench-' || g, date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date, 100000 FROM generate_series(1, @reps) g;
                """,
                new { reps });
        }

        await using var silo = await SiloUnderTest.Start(database, "repmem-" + Guid.NewGuid().ToString("N")[..8]);
        var grains = silo.Grains();

        // Warm up: code paths, the store's pacing and the caches are not a grain's cost.
        var warmUp = Math.Min(100, reps / 10);
        await Credit(grains, 1, warmUp, salesPerRep);
        var before = GrainMemory.InThisProcess();
        await Credit(grains, warmUp + 1, reps, salesPerRep);
        var after = GrainMemory.InThisProcess();
        var sample = await grains.GetGrain<IRepGrain>($"rep-bench-{warmUp + 1}").GetProgress();

        var added = reps - warmUp;
        Console.WriteLine($"{added:N0} rep grains activated, each credited with {salesPerRep:N0} sales (sample: month actual {sample.Month.Actual:N2})");
        Console.WriteLine($"managed heap growth per grain: {(after.Heap - before.Heap) / 1024.0 / added:N1} KB; resident set growth per grain: {(after.WorkingSet - before.WorkingSet) / 1024.0 / added:N1} KB");
    }

    private static Task Credit(IGrainFactory grains, int first, int last, int salesPerRep) =>
        Parallel.ForEachAsync(Enumerable.Range(first, last - first + 1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (rep, _) =>
        {
            var grain = grains.GetGrain<IRepGrain>($"rep-bench-{rep}");
            var start = DateTimeOffset.UtcNow.AddHours(-1);
            var sales = Enumerable.Range(0, salesPerRep)
                .Select(n => new RepSale(
                    "store-sh001",
                    n % 2 == 0 ? "T01" : "T02",
                    ((long)n * RepsSharingTheTills) + (rep % RepsSharingTheTills),
                    start.AddMilliseconds(n),
                    25m))
                .ToList();
            foreach (var batch in sales.Chunk(BatchSize))
            {
                await grain.ApplySales([.. batch]);
            }
        });
}
