using Dapper;
using StoreSales.Abstractions.Customers;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 8's customer grain footprint: customers made in the tables (a member code, 25 till sales and an open lead each,
/// so every grain holds its full list of recent purchases and a golden-hours reminder), activated by reading their live
/// facts, with this process's managed heap read before and after: the growth per grain is what an active customer costs
/// the silo (target ≤ 20 KB, docs/benchmarks.md).
/// </summary>
internal static class CustomerGrainMemory
{
    public static async Task Run(int customers)
    {
        Console.WriteLine($"StoreSales customer grain memory  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await using var database = await TestDatabase.Create("custbench");
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO customer (customer_id, kind, display_name, normalized_name, member_code, owner_rep_id, department_id, service_from, created_at, updated_at)
                SELECT 'cust-bench-' || g, 'member', 'Bench ' || g, 'BENCH ' || g, 'MB' || g, 'rep-sh001-01', 'store-sh001', current_date, now(), now()
                FROM generate_series(1, @customers) g;
                INSERT INTO customer_key (key, customer_id) SELECT 'member:MB' || g, 'cust-bench-' || g FROM generate_series(1, @customers) g;
                INSERT INTO lead (customer_id, rep_id, assigned_at) SELECT 'cust-bench-' || g, 'rep-sh001-01', now() FROM generate_series(1, @customers) g;
                INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, member_id, total)
                SELECT 'store-sh001', 'B01', g * 100 + s, 'sale', now() - make_interval(hours => s), now(), 'MB' || g, 10 * s
                FROM generate_series(1, @customers) g, generate_series(1, 25) s;
                """,
                new { customers },
                commandTimeout: 600);
        }

        await using var silo = await SiloUnderTest.Start(database, "custmem-" + Guid.NewGuid().ToString("N")[..8]);
        var grains = silo.Grains();

        // Warm up: the code paths, caches and the reminder service's first entries are not a grain's cost.
        await Activate(grains, 1, 100);
        var before = GrainMemory.InThisProcess();
        await Activate(grains, 101, customers);
        var after = GrainMemory.InThisProcess();
        var sample = await grains.GetGrain<ICustomerGrain>("cust-bench-101").GetLiveFacts();

        var added = customers - 100;
        Console.WriteLine($"{added:N0} customer grains activated (each: an open lead with its reminder, {sample.RecentPurchases.Length} recent purchases kept of 25)");
        Console.WriteLine($"managed heap growth per grain: {(after.Heap - before.Heap) / 1024.0 / added:N1} KB; resident set growth per grain: {(after.WorkingSet - before.WorkingSet) / 1024.0 / added:N1} KB");
    }

    private static Task Activate(IGrainFactory grains, int first, int last) =>
        Parallel.ForEachAsync(Enumerable.Range(first, last - first + 1), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            await grains.GetGrain<ICustomerGrain>($"cust-bench-{i}").GetLiveFacts());
}
