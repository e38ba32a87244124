using System.Diagnostics;
using System.Globalization;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>The silo and the one command-center node the board benchmark loads, and how their memory is read.</summary>
internal interface IBoardServers : IAsyncDisposable
{
    /// <summary>One line for the report: where the servers run.</summary>
    string Topology { get; }

    Uri Silo { get; }

    CommandCenterClient CommandCenter { get; }

    /// <summary>What <see cref="CommandCenterMemory"/> measures, for the report.</summary>
    string MemoryMeasure { get; }

    /// <summary>The command center's memory now, in bytes.</summary>
    long CommandCenterMemory();

    /// <summary>The silo's managed heap (-1 when not readable from here) and resident set, in bytes.</summary>
    (long Heap, long WorkingSet) SiloMemory();
}

/// <summary>
/// Silo and command center in this process (the hosts the tests use): the load driver, the boards' clients and both
/// servers share one thread pool and one GC.
/// </summary>
internal sealed class InProcessServers(SiloUnderTest silo, CommandCenterUnderTest commandCenter) : IBoardServers
{
    public string Topology => "silo, command center, load driver and board clients in one process";

    public Uri Silo => silo.BaseAddress;

    public CommandCenterClient CommandCenter => commandCenter.Client;

    public string MemoryMeasure => "managed heap after a full GC, server and client ends in this process (an upper bound)";

    public long CommandCenterMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public (long Heap, long WorkingSet) SiloMemory() => GrainMemory.InThisProcess();

    public async ValueTask DisposeAsync()
    {
        await commandCenter.DisposeAsync();
        await silo.DisposeAsync();
    }
}

/// <summary>
/// Silo and command center as deployed: each its own <c>dotnet</c> process started from its build output with its
/// settings in the environment (as deploy/local/up.sh does), so the benchmark's load and clients do not share their
/// thread pool or GC. Everything else is the shipped appsettings.json (e.g. <c>Live:PublishInterval</c> 250 ms, not
/// the tests' 50 ms). Their output goes to files next to the benchmark's.
/// </summary>
internal sealed class ServerProcesses : IBoardServers
{
    private readonly Process _silo;
    private readonly Process _commandCenter;

    private ServerProcesses(Process silo, Uri siloAddress, Process commandCenter, Uri commandCenterAddress)
    {
        _silo = silo;
        _commandCenter = commandCenter;
        Silo = siloAddress;
        CommandCenter = new CommandCenterClient(commandCenterAddress);
    }

    public string Topology => "silo and command center each in its own process; load driver and board clients in the benchmark's";

    public Uri Silo { get; }

    public CommandCenterClient CommandCenter { get; }

    public string MemoryMeasure => "resident set of the command-center process (server side only; includes GC headroom: an upper bound)";

    public long CommandCenterMemory()
    {
        _commandCenter.Refresh();
        return _commandCenter.WorkingSet64;
    }

    /// <summary>The silo process's resident set (no managed-heap figure from outside the process: -1).</summary>
    public (long Heap, long WorkingSet) SiloMemory()
    {
        _silo.Refresh();
        return (-1, _silo.WorkingSet64);
    }

    public static async Task<ServerProcesses> Start(TestDatabase database, string clusterId, IDictionary<string, string?> siloSettings)
    {
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings__StoreSales"] = database.ConnectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Error",
            ["Logging__LogLevel__Polly"] = "Error",
        };
        var siloPort = FreeTcpPort.Next();
        var silo = Launch("src/StoreSales.Silo", "StoreSales.Silo", siloPort, shared.Concat(new Dictionary<string, string?>
        {
            ["Database__MigrateOnStart"] = "false",
            ["Orleans__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__StoreSales.Ingest"] = "Error",
        }).Concat(siloSettings.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value))));
        var siloAddress = new Uri($"http://127.0.0.1:{siloPort}");
        await WaitHealthy(silo, new Uri(siloAddress, "/health/ready"));

        var centerPort = FreeTcpPort.Next();
        var center = Launch("src/StoreSales.CommandCenter", "StoreSales.CommandCenter", centerPort, shared.Concat(new Dictionary<string, string?>
        {
            ["Live__ResubscribeInterval"] = "00:00:02",
            ["Demo__SeedStaff"] = "true",
            ["Limits__SignInsPerAddress"] = DoorLimits.Lifted["Limits:SignInsPerAddress"],
            ["Limits__HubConnectionsPerAddress"] = DoorLimits.Lifted["Limits:HubConnectionsPerAddress"],
            ["Demo__StaffStore"] = "store-sh001",
        }));
        var centerAddress = new Uri($"http://127.0.0.1:{centerPort}");
        await WaitHealthy(center, new Uri(centerAddress, "/health/ready"));
        return new ServerProcesses(silo, siloAddress, center, centerAddress);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _commandCenter, _silo })
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }

    /// <param name="logName">The log file's name beside the benchmark's (default: the assembly's), for several nodes of one kind.</param>
    internal static Process Launch(string project, string assembly, int httpPort, IEnumerable<KeyValuePair<string, string?>> environment, string? logName = null)
    {
        var dll = Path.Combine(RepositoryPaths.Root, project, "bin", "Release", "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in Release first (deploy/local/benchmark.sh does).");
        }

        var log = Path.Combine(AppContext.BaseDirectory, (logName ?? assembly) + ".benchmark.log");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, $"--Urls=http://127.0.0.1:{httpPort}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{assembly} did not start.");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.WriteLine($"{assembly}: pid {process.Id}, http://127.0.0.1:{httpPort}, log {log}");
        return process;
    }

    internal static async Task WaitHealthy(Process process, Uri health)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{health.Authority} exited with {process.ExitCode} before it was healthy; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(health);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{health} did not answer healthy within 2 minutes.");
    }
}
