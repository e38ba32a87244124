using System.Diagnostics;
using StoreSales.Data.Ledger;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// The ledger write alone (one multi-row statement per batch, committed), at the same concurrency as the
/// ingest load but without HTTP, JSON or grains: separates the database's share of the ingest cost.
/// </summary>
internal static class LedgerOnly
{
    public static async Task<(double SalesPerSecond, long Sales)> Run(TestDatabase database, SaleBatches batches, BenchmarkOptions options)
    {
        var ledger = new SaleLedger(database.DataSource);
        var writers = Math.Min(64, options.Stores * options.Tills);
        var prepared = Enumerable.Range(0, writers)
            .Select(w =>
            {
                var random = new Random(w);
                return Enumerable.Range(0, 40)
                    .Select(b => Enumerable.Range(0, options.BatchSize).Select(i => batches.Sale($"L{w:D3}", (b * options.BatchSize) + i + 1, random, options.LinesPerSale)).ToList())
                    .ToList();
            })
            .ToList();
        long sales = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(prepared.Select(async (batchList, w) =>
        {
            foreach (var batch in batchList)
            {
                await ledger.Append(BenchmarkChain.StoreId(w % options.Stores), batch, CancellationToken.None);
                Interlocked.Add(ref sales, batch.Count);
            }
        }));
        return (sales / clock.Elapsed.TotalSeconds, sales);
    }
}
