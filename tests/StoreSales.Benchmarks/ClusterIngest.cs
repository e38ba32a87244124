using System.Diagnostics;
using System.Globalization;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 12's cluster ingest: the same load (stores × tills, durable acks) on 1, 2 … N silo processes of one Orleans
/// cluster (ADO.NET clustering on the same PostgreSQL), each round on a fresh database, store i posting to silo i mod N as
/// up.sh spreads its agents. Besides the rate and its ratio to one silo it prints the CPU each silo and PostgreSQL spent
/// per 1,000 sales in the measured window: on one machine more silos cannot add cores, so the CPU cost is what tells what
/// a chain's cluster needs (docs/benchmarks.md works it out for 10,000 stores).
/// </summary>
internal static class ClusterIngest
{
    public static async Task Run(BenchmarkOptions options, int maxSilos)
    {
        Console.WriteLine($"StoreSales cluster ingest  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB, .NET {Environment.Version}");
        Console.WriteLine($"PostgreSQL: {TestDatabase.ServerConnectionString} (must run with fsync on: durable acks)");
        Console.WriteLine($"load: {options.Stores} stores x {options.Tills} tills, batches of {options.BatchSize} sales x {options.LinesPerSale} lines, {options.Seconds}s after {options.WarmupSeconds}s warm-up, 1 to {maxSilos} silos");
        Console.WriteLine();

        var batches = new SaleBatches();
        double? oneSilo = null;
        var rows = new List<string>();
        for (var silos = 1; silos <= maxSilos; silos++)
        {
            await using var database = await TestDatabase.Create($"cluster{silos}");
            await BenchmarkChain.Create(database.DataSource, options.Stores);
            var postgres = await PostgresProcesses.Of(database);
            await using var cluster = await SiloProcesses.Start(database, "cluster-" + Guid.NewGuid().ToString("N")[..8], silos);

            TimeSpan[] siloCpuAtStart = [];
            TimeSpan postgresCpuAtStart = default;
            TimeSpan[] siloCpu = [];
            TimeSpan postgresCpu = default;
            var result = await IngestLoad.Run(cluster.Addresses, batches, options, firstStore: 0, targetSalesPerSecond: null, window: opened =>
            {
                if (opened)
                {
                    siloCpuAtStart = cluster.CpuTimes();
                    postgresCpuAtStart = postgres.CpuTime();
                }
                else
                {
                    siloCpu = [.. cluster.CpuTimes().Zip(siloCpuAtStart, (end, start) => end - start)];
                    postgresCpu = postgres.CpuTime() - postgresCpuAtStart;
                }
            });

            oneSilo ??= result.SalesPerSecond;
            var perThousand = (TimeSpan cpu) => result.Sales == 0 ? double.NaN : cpu.TotalSeconds * 1000 / result.Sales;
            Console.WriteLine($"== {silos} silo(s) ==");
            result.Print();
            rows.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {silos} | {result.SalesPerSecond:N0} | {result.SalesPerSecond / oneSilo:0.00} | {Percentiles.Of(result.AckLatenciesMs, 99):0} | {string.Join(" + ", siloCpu.Select(c => perThousand(c).ToString("0.000", CultureInfo.InvariantCulture)))} = {perThousand(siloCpu.Aggregate(TimeSpan.Zero, (a, b) => a + b)):0.000} | {perThousand(postgresCpu):0.000} | {result.Errors} |"));
        }

        Console.WriteLine("| silos | durable sales/s | ratio to 1 silo | ack p99 ms | silo CPU s per 1,000 sales (each = all) | PostgreSQL CPU s per 1,000 sales | errors |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
    }

    /// <summary>N silo processes as deployed (their build output, shipped appsettings), one cluster on the test database.</summary>
    private sealed class SiloProcesses : IAsyncDisposable
    {
        private readonly List<Process> _processes = [];

        public List<Uri> Addresses { get; } = [];

        public TimeSpan[] CpuTimes() => [.. _processes.Select(p => { p.Refresh(); return p.TotalProcessorTime; })];

        public static async Task<SiloProcesses> Start(TestDatabase database, string clusterId, int count)
        {
            var silos = new SiloProcesses();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var port = FreeTcpPort.Next();
                    silos._processes.Add(ServerProcesses.Launch("src/StoreSales.Silo", "StoreSales.Silo", port, new Dictionary<string, string?>
                    {
                        ["ConnectionStrings__StoreSales"] = database.ConnectionString,
                        ["Orleans__ClusterId"] = clusterId,
                        ["Orleans__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
                        ["Orleans__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
                        ["Database__MigrateOnStart"] = "false",
                        ["Logging__LogLevel__Default"] = "Warning",
                        ["Logging__LogLevel__Orleans"] = "Error",
                        ["Logging__LogLevel__Polly"] = "Error",
                        ["Logging__LogLevel__StoreSales.Ingest"] = "Error",
                    }, logName: $"StoreSales.Silo-{i + 1}"));
                    silos.Addresses.Add(new Uri($"http://127.0.0.1:{port}"));
                }

                for (var i = 0; i < count; i++)
                {
                    await ServerProcesses.WaitHealthy(silos._processes[i], new Uri(silos.Addresses[i], "/health/ready"));
                }

                return silos;
            }
            catch
            {
                await silos.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in _processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }

                process.Dispose();
            }
        }
    }

    /// <summary>
    /// The PostgreSQL server's processes (its postmaster and the backends it forked), found from the data directory the
    /// server names; their CPU is read from /proc. A backend that exits during the window takes its CPU with it, so the
    /// figure is a lower bound (the silos keep pooled connections, so few do).
    /// </summary>
    private sealed class PostgresProcesses(int postmaster)
    {
        public static async Task<PostgresProcesses> Of(TestDatabase database)
        {
            await using var command = database.DataSource.CreateCommand("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
            var directory = (string)(await command.ExecuteScalarAsync())!;
            var pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(directory, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
            return new PostgresProcesses(pid);
        }

        public TimeSpan CpuTime()
        {
            var ticks = 0L;
            foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
            {
                string text;
                try
                {
                    text = File.ReadAllText(stat);
                }
                catch (IOException)
                {
                    continue; // the process ended
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                // pid (comm) state ppid ... utime(14) stime(15): fields after the command's closing parenthesis.
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                var pid = int.Parse(text[..text.IndexOf(' ')], CultureInfo.InvariantCulture);
                if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }

            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }

        // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not exposed to .NET).
        private const int ClockTicksPerSecond = 100;
    }
}
