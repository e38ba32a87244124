using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Ports;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Abstractions.Live;
using StoreSales.Abstractions.Stores;
using StoreSales.CommandCenter.Live;
using StoreSales.Domain.Barcodes;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 11's scan stream: one agent process with --terminals scanners on real ptys, each fed --rate scans a second,
/// uploading to an in-process silo whose store counts those terminals by their scans. Reports the agent's CPU (share of
/// one core) and resident memory over the run, the scans that reached the scan ledger, and the time from a marker scan
/// written on the wire to its item showing in the store grain's hot items (p50/p99/max of --probes markers), and to the
/// same scan reaching the HQ heatmap: an in-process command center's <c>HeatmapScanned</c> message, heard by a SignalR
/// client signed in as HQ on the store's region (what the HQ page adds to its cells; the page redraws within
/// <c>Live:HqRedrawInterval</c> of it).
/// </summary>
internal static class ScanStreamLoad
{
    private const string StoreId = "store-sh001";

    public static async Task Run(int terminals, int rate, TimeSpan measure, int probes)
    {
        Console.WriteLine($"StoreSales scan stream  {DateTime.UtcNow:u}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"{terminals} terminals x {rate} scans/s for {measure.TotalSeconds:0} s, {probes} heatmap probes");
        Console.WriteLine($"agent runtime settings (deploy/systemd/storesales-edge.service): {DeployedEdgeRuntime.Describe()}");
        await using var database = await TestDatabase.Create("scanbench");
        var settings = new Dictionary<string, string?> { ["Live:HotItemCount"] = "100000" };
        for (var t = 0; t < terminals; t++)
        {
            settings[$"HotItems:ScanSourcedTerminals:{StoreId}:{t}"] = Terminal(t);
        }

        var clusterId = "scanbench-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloUnderTest.Start(database, clusterId, settings);
        await using var commandCenter = await CommandCenterUnderTest.Start(database, clusterId);
        var heard = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var hq = await commandCenter.CreateSignedInHubConnection(DemoLogins.Hq);
        hq.On<List<HeatmapScan>>(LiveGroups.HeatmapScanned, scans =>
        {
            var at = Stopwatch.GetTimestamp();
            foreach (var scan in scans)
            {
                heard.TryAdd(scan.ItemCode, at);
            }
        });
        await hq.StartAsync();
        await hq.InvokeAsync("JoinHeatmap", "region-east");
        using var directory = new TempDirectory();
        var pairs = new List<SocatPair>();
        var args = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "StoreSales.Edge.dll"),
            $"--Agent:StoreId={StoreId}", $"--Agent:ServerUrl={silo.BaseAddress}", "--Agent:StoreKey=demo-key-store-sh001",
            $"--Agent:OutboxPath={directory.File("outbox.db")}", "--Logging:LogLevel:Default=Warning",
        };
        try
        {
            var scanners = new List<SerialPort>();
            for (var t = 0; t < terminals; t++)
            {
                var till = await SocatPair.StartAsync(directory.Path, $"till{t}", CancellationToken.None);
                var scanner = await SocatPair.StartAsync(directory.Path, $"scan{t}", CancellationToken.None);
                pairs.AddRange([till, scanner]);
                args.AddRange([$"--Terminals:{t}:TerminalId={Terminal(t)}", $"--Terminals:{t}:TillPort={till.AgentEnd}", $"--Terminals:{t}:ScannerPort={scanner.AgentEnd}"]);
            }

            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            args.ForEach(start.ArgumentList.Add);
            DeployedEdgeRuntime.ApplyTo(start);
            using var agent = Process.Start(start)!;
            agent.BeginOutputReadLine();
            agent.BeginErrorReadLine();
            await Task.Delay(TimeSpan.FromSeconds(10)); // JIT, ports open
            for (var t = 0; t < terminals; t++)
            {
                var port = new SerialPort(pairs[(2 * t) + 1].DeviceEnd, 9600);
                port.Open();
                scanners.Add(port);
            }

            var store = silo.Grains().GetGrain<IStoreGrain>(StoreId);
            var items = Enumerable.Range(0, 200).Select(i => Gtin.WithCheckDigit($"69200000{i:D4}")).ToArray();
            var latencies = new List<double>();
            var probesSent = new List<(string Marker, long Sent)>();
            agent.Refresh();
            var cpuBefore = agent.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var tick = TimeSpan.FromSeconds(1.0 / rate);
            var written = 0L;
            var nextProbe = measure / (probes + 1);
            var probe = 0;
            var peakRss = 0L;
            for (var n = 0L; clock.Elapsed < measure; n++)
            {
                var due = tick * n;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                for (var t = 0; t < terminals; t++)
                {
                    var bytes = Encoding.ASCII.GetBytes(items[(int)((n * terminals + t) % items.Length)] + "\r");
                    scanners[t].Write(bytes, 0, bytes.Length);
                    written++;
                }

                if (probe < probes && clock.Elapsed >= nextProbe * (probe + 1))
                {
                    // A marker item nothing else scans: the time from its bytes on the wire to its cell in the hot items.
                    var marker = Gtin.WithCheckDigit($"69300000{probe:D4}");
                    var sent = Stopwatch.GetTimestamp();
                    var bytes = Encoding.ASCII.GetBytes(marker + "\r");
                    scanners[probe % terminals].Write(bytes, 0, bytes.Length);
                    written++;
                    _ = Watch(store, marker, sent, latencies);
                    probesSent.Add((marker, sent));
                    probe++;
                }

                if (n % rate == 0)
                {
                    peakRss = Math.Max(peakRss, Rss(agent.Id));
                }
            }

            agent.Refresh();
            var cpu = (agent.TotalProcessorTime - cpuBefore) / clock.Elapsed;
            var elapsed = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(5));
            var stored = await database.Count("SELECT count(*) FROM scan_event WHERE store_id = @StoreId", new { StoreId });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"agent: {cpu:P2} of one core over {elapsed.TotalSeconds:0} s at {written / elapsed.TotalSeconds:N0} scans/s; resident peak {peakRss / 1024.0:N1} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan ledger: {stored:N0} of {written:N0} scans written on the wire"));
            lock (latencies)
            {
                latencies.Sort();
                Console.WriteLine(latencies.Count == 0
                    ? "scan -> hot items: no probe seen"
                    : string.Create(CultureInfo.InvariantCulture, $"scan -> hot items ({latencies.Count} of {probes} probes seen): p50 {Percentiles.Of(latencies, 50):N0} ms, p99 {Percentiles.Of(latencies, 99):N0} ms, max {latencies[^1]:N0} ms"));
            }

            var toHeatmap = probesSent
                .Where(p => heard.ContainsKey(p.Marker))
                .Select(p => Stopwatch.GetElapsedTime(p.Sent, heard[p.Marker]).TotalMilliseconds)
                .Order()
                .ToList();
            Console.WriteLine(toHeatmap.Count == 0
                ? "scan -> HQ heatmap: no probe heard"
                : string.Create(CultureInfo.InvariantCulture, $"scan -> HQ heatmap ({toHeatmap.Count} of {probes} probes heard by HQ's SignalR client): p50 {Percentiles.Of(toHeatmap, 50):N0} ms, p99 {Percentiles.Of(toHeatmap, 99):N0} ms, max {toHeatmap[^1]:N0} ms"));

            scanners.ForEach(s => s.Dispose());
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }
        finally
        {
            foreach (var pair in pairs)
            {
                await pair.DisposeAsync();
            }
        }
    }

    private static string Terminal(int t) => $"T{t + 1:00}";

    private static async Task Watch(IStoreGrain store, string marker, long sent, List<double> latencies)
    {
        var limit = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (Stopwatch.GetTimestamp() < limit)
        {
            if ((await store.GetProgress()).HotItems.Any(h => h.ItemCode == marker))
            {
                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }

                return;
            }

            await Task.Delay(20);
        }
    }

    // Resident memory in kB, from /proc.
    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
