using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.DayEnd;
using StoreSales.Domain.Sales.DayEnd;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 11's day-end reconciliation: a chain of --stores 1000 stores with --terminals 4 tills each and --sales-per-day 250
/// sales a till on one business day, every till's Z in <c>z_report</c>; every tenth till's Z counts a sale the ledger lacks
/// and every seventh till rang a sale after its Z. Timed: <see cref="DayEndReconciler.Reconcile"/> of every store's day
/// (the Z reports, the ledger's day through its (store, time) index, the Domain rule), --parallel 4 stores at once. The
/// store grain is not asked (no cluster in this mode): its part is one grain call per terminal with the day's sequences.
/// </summary>
public static class ReconciliationLoad
{
    public static async Task Run(int stores, int terminals, int salesPerDay, int parallel)
    {
        Console.WriteLine($"StoreSales day-end reconciliation  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString}");
        await using var database = await TestDatabase.Create("reconbench", seedDemo: false);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 0, MaxPoolSize = parallel * 2 + 2 }.ConnectionString);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var loading = Stopwatch.StartNew();
        await BenchmarkChain.Create(dataSource, stores);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // Sales 09:00–21:00 Shanghai time, one every 12 h / salesPerDay; sequence 1 … salesPerDay (+1 after the Z on
            // every seventh till); a missing sequence on every tenth till (its Z still counts it).
            await connection.ExecuteAsync(
                """
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total, tenders)
                SELECT 'bench-' || lpad(s::text, 5, '0'), 'T' || t, n, 'sale',
                       (@day::date + time '09:00')::timestamp AT TIME ZONE 'Asia/Shanghai' + (n * interval '12 hours' / (@perDay + 1)),
                       now(), 10.00 + (n % 7), jsonb_build_array(jsonb_build_object('method', 'cash', 'amount', 10.00 + (n % 7)))
                FROM generate_series(0, @stores - 1) s, generate_series(1, @terminals) t, generate_series(1, @perDay + 1) n
                WHERE (n <= @perDay OR (s * @terminals + t) % 7 = 0)
                  AND NOT ((s * @terminals + t) % 10 = 0 AND n = @perDay / 2);
                INSERT INTO z_report (store_id, terminal_id, business_day, z_number, closed_at, captured_at, last_sequence, sale_count, gross, returns, voids, tenders)
                SELECT 'bench-' || lpad(s::text, 5, '0'), 'T' || t, @day::date, 'Z-1',
                       (@day::date + time '21:30')::timestamp AT TIME ZONE 'Asia/Shanghai', now(), @perDay, @perDay,
                       g.gross, 0, 0, jsonb_build_array(jsonb_build_object('method', 'cash', 'amount', g.gross))
                FROM generate_series(0, @stores - 1) s, generate_series(1, @terminals) t,
                     LATERAL (SELECT sum(10.00 + (n % 7)) AS gross FROM generate_series(1, @perDay) n) g;
                ANALYZE sale; ANALYZE z_report;
                """,
                new { day, stores, terminals, perDay = salesPerDay });
        }

        var sales = await database.Count("SELECT count(*) FROM sale");
        Console.WriteLine($"ledger: {sales:N0} sales and {stores * terminals:N0} Z reports of {stores} stores loaded in {loading.Elapsed.TotalSeconds:0.0} s");

        var reconciler = new DayEndReconciler(new ZReports(dataSource), new DayEndLedger(dataSource), Options.Create(new DayEndOptions()));
        for (var run = 0; run < 2; run++)
        {
            var verdicts = new ConcurrentDictionary<ReconciliationVerdict, int>();
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, stores),
                new ParallelOptions { MaxDegreeOfParallelism = parallel },
                async (i, ct) =>
                {
                    var result = await reconciler.Reconcile(BenchmarkChain.StoreId(i), day, ct);
                    foreach (var terminal in result.Terminals)
                    {
                        verdicts.AddOrUpdate(terminal.Verdict, 1, (_, n) => n + 1);
                    }
                });
            watch.Stop();
            var expectedExplained = Enumerable.Range(0, stores).SelectMany(s => Enumerable.Range(1, terminals).Select(t => s * terminals + t)).Count(k => k % 10 == 0 || k % 7 == 0);
            if (verdicts.GetValueOrDefault(ReconciliationVerdict.Explained) != expectedExplained || verdicts.GetValueOrDefault(ReconciliationVerdict.Unexplained) != 0)
            {
                throw new InvalidOperationException($"Unexpected verdicts: {string.Join(", ", verdicts.Select(v => $"{v.Key} {v.Value}"))}; {expectedExplained} explained expected.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(run == 0 ? "cold" : "warm")}: {stores} stores × {terminals} tills reconciled in {watch.Elapsed.TotalSeconds:0.00} s ({watch.Elapsed.TotalMilliseconds / stores:0.0} ms a store, {parallel} at once): {string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Value} {v.Key.ToString().ToLowerInvariant()}"))}"));
        }
    }
}
