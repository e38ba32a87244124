using System.Diagnostics;
using System.Globalization;
using StoreSales.Benchmarks;
using StoreSales.Testing;

// Usage: deploy/local/benchmark.sh [--stores 50] [--tills 4] [--batch 100] [--warmup 60] [--seconds 20] [--boards 200] [--probes 100] [--memory-grains 10000]
// (--edge: the edge agent's footprint; --boards-only: issue 4's command-center load; --customers-only: issue 8's customer
// grain memory; --reps-only [--rep-sales 2000]: issue 8's rep grain memory; --opportunities-only: issue 9's opportunity grain memory; --rep-boards: issue 8's rep-board latency; --customer-import [--rows 100000] [--chunk 1000]: issue 8's
// CSV import; --grading [--customers 1000000] [--orders 2]: issue 8's nightly grading; --decomposition [--stores 500]
// [--sales-per-day 24] [--runs 5]: issue 10's decomposition proposal; --attribution [--stores 1000] [--sales-per-day 100]:
// issue 10's attribution report; --scan-stream [--terminals 8] [--rate 20] [--seconds 60] [--probes 50]: issue 11's scan
// stream; --reconciliation [--stores 1000] [--terminals 4] [--sales-per-day 250] [--parallel 4]:
// issue 11's day-end reconciliation; --history-import [--rows 2000000] [--chunk 50000]: issue 10's history import;
// --three-way-match [--customers 10000] [--runs 3]: issue 14's three-way match board; --cluster-ingest [--max-silos 3]:
// issue 12's ingest on 1 to N silos; --request-cpu [--batches 200] [--rounds 5]: issue 13's JSON read and content hash
// per batch, CPU alone; see
// docs/benchmarks.md)
var options = BenchmarkOptions.Parse(args);

if (args.Contains(LoadDriverProcess.Mode))
{
    // The background load of a latency measurement, started by the measuring process (LoadDriverProcess).
    await LoadDriverProcess.Run(args);
    return;
}

// An integer option of the issue-10 modes, or its default.
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

if (args.Contains("--request-cpu"))
{
    // Issue 13: the silo's CPU per batch in reading its JSON and hashing its sales, alone (no HTTP, no database).
    await RequestCpu.Run(Arg("--batches", 200), Arg("--rounds", 5));
    return;
}

if (args.Contains("--scan-stream"))
{
    // Issue 11's scan stream: --terminals 8 scanners at --rate 20 scans/s each for --seconds 60, --probes 50 heatmap markers.
    await ScanStreamLoad.Run(Arg("--terminals", 8), Arg("--rate", 20), TimeSpan.FromSeconds(Arg("--seconds", 60)), Arg("--probes", 50));
    return;
}

if (args.Contains("--cluster-ingest"))
{
    // Issue 12's cluster ingest: the same load on 1 to --max-silos 3 silos of one cluster, rate ratio and CPU per 1,000 sales.
    await ClusterIngest.Run(options, Arg("--max-silos", 3));
    return;
}

if (args.Contains("--reconciliation"))
{
    // Issue 11's day-end reconciliation: --stores 1000 with --terminals 4 tills of --sales-per-day 250 sales, --parallel 4 stores at once.
    await ReconciliationLoad.Run(Arg("--stores", 1000), Arg("--terminals", 4), Arg("--sales-per-day", 250), Arg("--parallel", 4));
    return;
}

if (args.Contains("--three-way-match"))
{
    // Issue 14's three-way match board: --customers 10000 B2B accounts × 12 months of contracts and documents, --runs 3.
    Console.WriteLine($"StoreSales three-way match  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB, .NET {Environment.Version}");
    Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString}");
    await using var matchDatabase = await TestDatabase.Create("matchbench", seedDemo: false);
    await using var matchSource = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(matchDatabase.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
    await ThreeWayMatchLoad.Run(matchSource, Arg("--customers", 10_000), Arg("--runs", 3));
    return;
}

if (args.Contains("--decomposition"))
{
    // Issue 10's decomposition: a region of --stores 500 stores with 13 months of --sales-per-day 24 sales, --runs 5.
    await DecompositionLoad.Run(Arg("--stores", 500), Arg("--sales-per-day", 24), Arg("--runs", 5));
    return;
}

if (args.Contains("--grading"))
{
    // Issue 8's nightly grading: --customers 1000000 with --orders 2 (per customer per 30-day window) across --stores 50.
    Console.WriteLine($"StoreSales nightly grading  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB, .NET {Environment.Version}");
    Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString}");
    await using var gradingDatabase = await TestDatabase.Create("gradebench", seedDemo: false);
    // No command timeout: loading millions of rows (COPY's completion waits for its index updates) takes minutes.
    await using var gradingSource = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(gradingDatabase.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
    await NightlyGrading.Run(gradingSource, Arg("--customers", 1_000_000), Arg("--orders", 2), Arg("--stores", 50));
    return;
}

if (args.Contains("--attribution"))
{
    // Issue 10's attribution report: --stores 1000 with --sales-per-day 100 each in the month reported.
    Console.WriteLine($"StoreSales attribution report  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB, .NET {Environment.Version}");
    Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString}");
    await using var attributionDatabase = await TestDatabase.Create("attributionbench", seedDemo: false);
    await using var attributionSource = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(attributionDatabase.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
    await AttributionReport.Run(attributionSource, Arg("--stores", 1000), Arg("--sales-per-day", 100));
    return;
}

if (args.Contains("--history-import"))
{
    // Issue 10's history import: --rows 2000000 sale lines, --chunk 50000 rows a transaction (History:Import:ChunkRows),
    // --in-flight 2 chunks written at once (History:Import:ChunksInFlight).
    await HistoryImportLoad.Run(Arg("--rows", 2_000_000), Arg("--chunk", 50_000), Arg("--in-flight", 2));
    return;
}

if (args.Contains("--customer-import"))
{
    // Issue 8's CSV import: --rows 100000 customers, --chunk 1000 rows a transaction (SalesForce:Customers:Import:ChunkSize).
    await CustomerImportLoad.Run(options.ImportRows, options.ImportChunk);
    return;
}

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

if (args.Contains("--reps-only"))
{
    // Issue 8's rep grain footprint: --memory-grains reps (default 10,000), each credited with --rep-sales sales.
    await RepGrainMemory.Run(options.MemoryGrains, options.RepSales);
    return;
}

if (args.Contains("--opportunities-only"))
{
    // Issue 9's opportunity grain footprint: --memory-grains opportunities (default 10,000), each worked into contract.
    await OpportunityGrainMemory.Run(options.MemoryGrains);
    return;
}

if (args.Contains("--customers-only"))
{
    // Issue 8's customer grain footprint: --memory-grains customers (default 10,000) activated with full state.
    await CustomerGrainMemory.Run(options.MemoryGrains);
    return;
}

if (args.Contains("--rep-boards"))
{
    // Issue 8's live target: lead or first contact → the rep's open board, across two command-center nodes (--probes N).
    Console.WriteLine($"StoreSales rep-board latency  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    await using var repDatabase = await TestDatabase.Create("repboards");
    var repCluster = "reps-" + Guid.NewGuid().ToString("N")[..8];
    await using var repSilo = await SiloUnderTest.Start(repDatabase, repCluster);
    await using var boardNode = await CommandCenterUnderTest.Start(repDatabase, repCluster);
    await using var apiNode = await CommandCenterUnderTest.Start(repDatabase, repCluster, new Dictionary<string, string?> { ["Demo:SeedStaff"] = "false" });
    // Both nodes subscribe to live updates in the background after start: measure once both listen.
    await Eventually.Holds(
        async () => (await repSilo.Grains().GetGrain<StoreSales.Abstractions.Live.ILiveBoardDirectoryGrain>(0).GetObservers()).Length >= 2,
        "both command centers listen for live updates");
    await RepBoardLatency.Run(boardNode, apiNode, options.Probes);
    return;
}

if (args.Contains("--alert-push"))
{
    // Issue 14's target: an alert on its channel within 5 s of opening (--probes N).
    await AlertPushLatency.Run(options.Probes);
    return;
}

if (args.Contains("--approvals"))
{
    // Issue 9's live target: an approval request → the approver's open inbox (real SignalR client), across two nodes (--probes N).
    Console.WriteLine($"StoreSales approvals inbox latency  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    await using var approvalDatabase = await TestDatabase.Create("approvals");
    var approvalCluster = "approvals-" + Guid.NewGuid().ToString("N")[..8];
    await using var approvalSilo = await SiloUnderTest.Start(approvalDatabase, approvalCluster);
    await using var inboxNode = await CommandCenterUnderTest.Start(approvalDatabase, approvalCluster);
    await using var filingNode = await CommandCenterUnderTest.Start(approvalDatabase, approvalCluster, new Dictionary<string, string?> { ["Demo:SeedStaff"] = "false" });
    await ApprovalInboxLatency.Run(inboxNode, filingNode, options.Probes);
    return;
}

if (args.Contains("--boards-only"))
{
    // Issue 4's load: --boards 200 open boards, --chain-rate 500 sales/s, --probes 100, --circuits 20 real pages.
    Console.WriteLine($"StoreSales board fan-out  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    await using var boardDatabase = await TestDatabase.Create("boardbench");
    await BenchmarkChain.Create(boardDatabase.DataSource, options.Stores + 10);
    var boardCluster = "boards-" + Guid.NewGuid().ToString("N")[..8];
    var siloSettings = new Dictionary<string, string?>();
    // --in-process: the old topology, everything in this process (for comparison with the runs before 2026-11-23 16:45Z).
    await using IBoardServers servers = args.Contains("--in-process")
        ? new InProcessServers(await SiloUnderTest.Start(boardDatabase, boardCluster, siloSettings), await CommandCenterUnderTest.Start(boardDatabase, boardCluster))
        : await ServerProcesses.Start(boardDatabase, boardCluster, siloSettings);
    await BoardFanout.Run(servers, boardDatabase.DataSource, new SaleBatches(), options);
    return;
}

// Issue 13's comparison: durable ingest beside binary COPY of the same rows, sale-to-board at half that load with
// boards open, a live sale while 500 stores catch up, and the silo's memory with 10,000 active store grains.
Console.WriteLine($"StoreSales benchmark  {DateTime.UtcNow:u}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString} (must run with fsync on: durable acks)");
Console.WriteLine($"load: {options.Stores} stores x {options.Tills} tills, batches of {options.BatchSize} sales x {options.LinesPerSale} lines, {options.Seconds}s after {options.WarmupSeconds}s warm-up");
Console.WriteLine();

// A fresh database every run: the regions hold this run's stores only, and no earlier run's ledger or grain state.
const int CatchUpStores = 500;
var probeStore = options.Stores;
var catchUpFirst = options.Stores + 10;
var memoryFirst = catchUpFirst + CatchUpStores + 10;
await using var database = await TestDatabase.Create("bench");
await BenchmarkChain.Create(database.DataSource, memoryFirst + options.MemoryGrains);
var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
var batches = new SaleBatches();
IngestResult full;
await using (var servers = await ServerProcesses.Start(database, clusterId, new Dictionary<string, string?>()))
{
    Console.WriteLine($"topology: {servers.Topology}");
    Console.WriteLine();

    // 1. Sustained ingest with durable ack, as fast as the stores' tills can send: at full load an agent has a backlog
    //    and sends up to Agent:BatchSize (200) sales a batch, hence --batch 100 by default. --warmup 60: under perf the
    //    silo's tiered-compilation thread still took 10 % of the machine 35 s after start (a quarter of the silo's CPU),
    //    and the same code measured 12,849 sales/s after 15 s and 14,947 after 60; a silo runs for days, so its
    //    sustained rate is the one after tiering settles.
    full = await IngestLoad.Run(servers.Silo, batches, options, firstStore: 0, targetSalesPerSecond: null);
    Console.WriteLine("== ingest, full load (every ack after the group COMMIT in PostgreSQL; the store grain counts it after) ==");
    full.Print();

    // 2. The raw COPY rate of the same rows into empty copies of the ledger tables, in the same run: the ingest's own rows
    //    read back (the ratio's), then the generated one-till rows the ratio was taken against until 55a2d4c.
    var baselineSales = Math.Max(20_000, (int)Math.Min(full.Sales, 200_000));
    var copy = await CopyBaseline.LedgerRows(database.DataSource, baselineSales, options.LinesPerSale);
    var oneTill = await CopyBaseline.OneTillGenerated(database.DataSource, batches, baselineSales, options.LinesPerSale);
    Console.WriteLine("== PostgreSQL binary COPY of the same rows into an empty copy of the ledger tables ==");
    Console.WriteLine($"COPY: {copy.SalesPerSecond:N0} sales/s, {copy.LinesPerSecond:N0} lines/s ({copy.Sales:N0} sales in {copy.Elapsed.TotalSeconds:0.00}s; the ingest's last sales and lines read back from the ledger in the order written, one connection)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"COPY of one till's generated rows in key order (the baseline until 55a2d4c): {oneTill.SalesPerSecond:N0} sales/s ({oneTill.Elapsed.TotalSeconds:0.00}s); ingest/that ratio: {full.SalesPerSecond / oneTill.SalesPerSecond:0.00}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest/COPY ratio: {full.SalesPerSecond / copy.SalesPerSecond:0.00}"));
    Console.WriteLine();

    // 3. Sale to every board of its store at half the measured load (the same batches at half the rate: the same kind of
    //    load at half the maximum), with the boards open; the probe posts single sales.
    var half = await BoardFanout.Run(servers, database.DataSource, batches, options with { ChainSalesPerSecond = (int)Math.Max(1, full.SalesPerSecond / 2) }, readHeatmap: false);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p99 sale-to-board ms: {half.P99SaleToBoardMs:0}"));
    Console.WriteLine();

    // 4. A live sale while 500 other stores send a backlog as fast as they are acked.
    var catchUp = await BoardFanout.Run(servers, database.DataSource, batches, options with { Tills = 1, BatchSize = 200, Boards = 8 }, new BackgroundLoad(catchUpFirst, CatchUpStores, null, CatchUp: true), readHeatmap: false);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p99 live sale-to-board during catch-up ms: {catchUp.P99SaleToBoardMs:0}"));
    Console.WriteLine();

    // 5. The silo process with many active store grains.
    int[] steps = options.MemoryGrains > 1_000 ? [1_000, options.MemoryGrains] : [options.MemoryGrains];
    var memory = await GrainMemory.Run(servers.Silo, servers.SiloMemory, batches, memoryFirst, steps);
    Console.WriteLine("== silo memory with active store grains (each with one 10-line sale) ==");
    memory.Print();
}

// 6. The group-commit writer alone, same concurrency, no HTTP, JSON or grains: the database's share of the cost.
var ledgerOnly = await LedgerOnly.Run(database, batches, options);
Console.WriteLine("== ledger writer alone (group commit, 64 concurrent batches; no HTTP, JSON or grains) ==");
Console.WriteLine($"ledger: {ledgerOnly.SalesPerSecond:N0} sales/s ({ledgerOnly.Sales:N0} sales)");

internal sealed record BenchmarkOptions(int Stores, int Tills, int BatchSize, int LinesPerSale, int Seconds, int WarmupSeconds, int MemoryGrains, int CatchUpSales, int Boards, int ChainSalesPerSecond, int Probes, int IdleSeconds, int Circuits, int ImportRows, int ImportChunk, int RepSales)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(Get("stores", 50), Get("tills", 4), Get("batch", 100), Get("lines", 10), Get("seconds", 20), Get("warmup", 60), Get("memory-grains", 10_000), Get("catch-up-sales", 50_000), Get("boards", 200), Get("chain-rate", 500), Get("probes", 100), Get("idle-seconds", 30), Get("circuits", 0), Get("rows", 100_000), Get("chunk", 1000), Get("rep-sales", 2_000));
    }
}
