using System.Diagnostics;
using System.Globalization;
using StoreSales.Benchmarks;
using StoreSales.Testing;

// Usage: deploy/local/benchmark.sh [--stores 50] [--tills 4] [--batch 25] [--seconds 20] [--memory-grains 10000]
var options = BenchmarkOptions.Parse(args);
if (args.Contains("--edge"))
{
    // Issue 3's edge footprint: decode rate, idle agent, catch-up of a day offline.
    Console.WriteLine($"StoreSales edge footprint  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    EdgeFootprint.DecodeRate(new SaleBatches());
    foreach (var devices in args.Contains("--skip-idle") ? [] : EdgeFootprint.IdleMatrix)
    {
        await EdgeFootprint.Idle(devices, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(options.IdleSeconds));
    }

    if (args.Contains("--idle-only"))
    {
        return;
    }

    await using var edgeDatabase = await TestDatabase.Create("edgebench");
    await BenchmarkChain.Create(edgeDatabase.DataSource, 9_001);
    await using var edgeSilo = await SiloUnderTest.Start(edgeDatabase, "edge-" + Guid.NewGuid().ToString("N")[..8]);
    await EdgeFootprint.CatchUp(edgeSilo, new SaleBatches(), options.CatchUpSales);
    return;
}

if (args.Contains("--boards"))
{
    // Issue 4's load: --boards 200 open boards, --chain-rate 500 sales/s, --probes 30, --circuits 20 real pages.
    Console.WriteLine($"StoreSales board fan-out  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    await using var boardDatabase = await TestDatabase.Create("boardbench");
    await BenchmarkChain.Create(boardDatabase.DataSource, options.Stores + 10);
    var boardCluster = "boards-" + Guid.NewGuid().ToString("N")[..8];
    var siloSettings = new Dictionary<string, string?>
    {
        ["Ingest:MaxConcurrentBatches"] = options.MaxConcurrentBatches.ToString(CultureInfo.InvariantCulture),
        ["Ingest:MaxQueuedBatches"] = "4096",
    };
    // --in-process: the old topology, everything in this process (for comparison with the runs before 2026-11-23 16:45Z).
    await using IBoardServers servers = args.Contains("--in-process")
        ? new InProcessServers(await SiloUnderTest.Start(boardDatabase, boardCluster, siloSettings), await CommandCenterUnderTest.Start(boardDatabase, boardCluster))
        : await ServerProcesses.Start(boardDatabase, boardCluster, siloSettings);
    await BoardFanout.Run(servers, boardDatabase.DataSource, new SaleBatches(), options);
    return;
}

Console.WriteLine($"StoreSales benchmark  {DateTime.UtcNow:u}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString} (must run with fsync on: durable acks)");
Console.WriteLine($"load: {options.Stores} stores x {options.Tills} tills, batches of {options.BatchSize} sales x {options.LinesPerSale} lines, {options.Seconds}s after {options.WarmupSeconds}s warm-up; silo Ingest:MaxConcurrentBatches {options.MaxConcurrentBatches}");
Console.WriteLine();

await using var database = await TestDatabase.Create("bench");
await BenchmarkChain.Create(database.DataSource, Math.Max(options.Stores * 2 + 10, options.MemoryGrains + options.Stores * 2 + 10));
var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
await using var silo = await SiloUnderTest.Start(database, clusterId, new Dictionary<string, string?>
{
    ["Ingest:MaxConcurrentBatches"] = options.MaxConcurrentBatches.ToString(CultureInfo.InvariantCulture),
    ["Ingest:MaxQueuedBatches"] = "4096",
    ["Live:PublishInterval"] = "00:00:00.250",
});

var batches = new SaleBatches();

// 1. Sustained ingest with durable ack, as fast as the stores' tills can send.
var full = await IngestLoad.Run(silo.BaseAddress, batches, options, firstStore: 0, targetSalesPerSecond: null);
Console.WriteLine("== ingest, full load (every ack after COMMIT in PostgreSQL and the grain's state write) ==");
full.Print();

// 2a. The ledger statement alone, same concurrency, no HTTP/JSON/grains.
var ledgerOnly = await LedgerOnly.Run(database, batches, options);
Console.WriteLine("== ledger write alone (multi-row INSERT per batch, committed; no HTTP, JSON or grains) ==");
Console.WriteLine($"ledger: {ledgerOnly.SalesPerSecond:N0} sales/s ({ledgerOnly.Sales:N0} sales)");
Console.WriteLine();

// 2b. The raw COPY rate of the same rows into empty copies of the ledger tables.
var copy = await CopyBaseline.Run(database.DataSource, batches, sales: Math.Max(20_000, (int)Math.Min(full.Sales, 200_000)), options.LinesPerSale);
Console.WriteLine("== PostgreSQL COPY of the same rows into an empty copy of the ledger tables ==");
Console.WriteLine($"COPY: {copy.SalesPerSecond:N0} sales/s, {copy.LinesPerSecond:N0} lines/s ({copy.Sales:N0} sales in {copy.Elapsed.TotalSeconds:0.00}s)");
Console.WriteLine($"ratio ingest/COPY: {full.SalesPerSecond / copy.SalesPerSecond:P1}");
Console.WriteLine();

// 3. Scan-to-board at half the measured load: post a sale, wait for the store's ProgressUpdated on SignalR.
await using (var commandCenter = await CommandCenterUnderTest.Start(database, clusterId))
{
    var board = await BoardLatency.Run(silo, commandCenter, batches, options, full.SalesPerSecond / 2, probeStore: options.Stores);
    Console.WriteLine($"== scan-to-board latency at half load ({full.SalesPerSecond / 2:N0} sales/s target) ==");
    board.Print();
}

// 4. Memory per active store grain.
int[] steps = options.MemoryGrains > 1_000 ? [1_000, options.MemoryGrains] : [options.MemoryGrains];
var memory = await GrainMemory.Run(silo, batches, firstStore: options.Stores * 2 + 10, steps);
Console.WriteLine("== silo memory per active store grain (each with one 10-line sale) ==");
memory.Print();

internal sealed record BenchmarkOptions(int Stores, int Tills, int BatchSize, int LinesPerSale, int Seconds, int WarmupSeconds, int MemoryGrains, int MaxConcurrentBatches, int CatchUpSales, int Boards, int ChainSalesPerSecond, int Probes, int IdleSeconds, int Circuits)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(Get("stores", 50), Get("tills", 4), Get("batch", 25), Get("lines", 10), Get("seconds", 20), Get("warmup", 5), Get("memory-grains", 10_000), Get("max-concurrent-batches", 8), Get("catch-up-sales", 50_000), Get("boards", 200), Get("chain-rate", 500), Get("probes", 30), Get("idle-seconds", 30), Get("circuits", 0));
    }
}
