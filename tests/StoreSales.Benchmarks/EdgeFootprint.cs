using System.Diagnostics;
using System.Globalization;
using StoreSales.Domain.Barcodes;
using StoreSales.Edge.Outbox;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 3's footprint figures: scan decoding rate on one core, the agent process idle (resident memory and CPU)
/// with two terminals on real ptys, and catch-up of a day's backlog against the in-process silo.
/// </summary>
internal static class EdgeFootprint
{
    public static void DecodeRate(SaleBatches batches)
    {
        var random = new Random(1);
        var options = new ScanDecoderOptions { VariableMeasurePresets = ["price-5"] };
        string[] samples =
        [
            "6920433218190", "]E06920433218190", "]C1010952123454321317201225\u001d10ABC123", "(01)09521234543213(3103)000123",
            Gtin.WithCheckDigit("201234501234"), "M1234567890", "6920433218191", "not a barcode",
        ];
        var codes = Enumerable.Range(0, 1_000_000).Select(_ => samples[random.Next(samples.Length)]).ToArray();
        foreach (var code in codes.Take(10_000))
        {
            ScanDecoder.Decode(code, options, 2026); // warm-up
        }

        var clock = Stopwatch.StartNew();
        var valid = 0;
        foreach (var code in codes)
        {
            valid += ScanDecoder.Decode(code, options, 2026).Valid ? 1 : 0;
        }

        Console.WriteLine($"decode: {codes.Length / clock.Elapsed.TotalSeconds:N0} scans/s on one thread ({codes.Length:N0} mixed scans, {valid:N0} valid)");
    }

    /// <summary>Which devices an idle agent has open: serial tills, serial scanners, HID scanners (FIFOs), receipt ports.</summary>
    public sealed record IdleDevices(string Label, int Tills, int Scanners = 0, int HidScanners = 0, int ReceiptPorts = 0);

    /// <summary>
    /// The idle agent per kind and number of open devices, so the cost of one port can be read off the differences.
    /// Each terminal has a till port (or a receipt port); scanners and HID scanners go on the first terminals.
    /// </summary>
    public static readonly IdleDevices[] IdleMatrix =
    [
        new("no device", 0),
        new("1 serial (till)", 1),
        new("2 serial (till)", 2),
        new("4 serial (2 tills + 2 scanners)", 2, Scanners: 2),
        new("1 till + 1 HID scanner (FIFO)", 1, HidScanners: 1),
        new("1 receipt port", 0, ReceiptPorts: 1),
    ];

    public static async Task Idle(IdleDevices devices, TimeSpan settle, TimeSpan measure)
    {
        using var directory = new TempDirectory();
        var pairs = new List<SocatPair>();
        var args = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "StoreSales.Edge.dll"),
            "--Agent:StoreId=store-sh001", "--Agent:ServerUrl=http://127.0.0.1:9", "--Agent:StoreKey=k",
            $"--Agent:OutboxPath={directory.File("outbox.db")}",
            "--Logging:LogLevel:Default=Warning",
        };
        try
        {
            for (var t = 0; t < devices.Tills + devices.ReceiptPorts; t++)
            {
                var prefix = $"--Terminals:{t}:";
                args.Add($"{prefix}TerminalId=T{t + 1:00}");
                var line = await SocatPair.StartAsync(directory.Path, $"line{t}", CancellationToken.None);
                pairs.Add(line);
                args.AddRange(t < devices.Tills ? [$"{prefix}TillPort={line.AgentEnd}"] : [$"{prefix}ReceiptPort={line.AgentEnd}", $"{prefix}Receipt:Profile=simulator"]);
                if (t < devices.Scanners)
                {
                    var scanner = await SocatPair.StartAsync(directory.Path, $"scan{t}", CancellationToken.None);
                    pairs.Add(scanner);
                    args.Add($"{prefix}ScannerPort={scanner.AgentEnd}");
                }

                if (t < devices.HidScanners)
                {
                    var fifo = directory.File($"hid{t}");
                    using (var mkfifo = Process.Start("mkfifo", fifo))
                    {
                        await mkfifo.WaitForExitAsync();
                    }

                    args.Add($"{prefix}HidScanner={fifo}");
                }
            }

            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            args.ForEach(start.ArgumentList.Add);
            DeployedEdgeRuntime.ApplyTo(start);
            using var agent = Process.Start(start)!;
            var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
            agent.ErrorDataReceived += (_, e) => errors.Enqueue(e.Data ?? "");
            agent.BeginOutputReadLine();
            agent.BeginErrorReadLine();
            await Task.Delay(settle); // JIT, ports open, first heartbeats
            if (agent.HasExited)
            {
                Console.WriteLine($"agent idle, {devices.Label}: the agent ended (exit {agent.ExitCode}): {string.Join(" ", errors)}");
                return;
            }

            agent.Refresh();
            var cpuBefore = agent.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.Delay(measure);
            agent.Refresh();
            var cpu = (agent.TotalProcessorTime - cpuBefore) / clock.Elapsed;
            var rss = File.ReadLines($"/proc/{agent.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            Console.WriteLine($"agent idle, {devices.Label}, server unreachable: {cpu:P2} of one core over {measure.TotalSeconds:0}s; {rss.Replace("VmRSS:", "resident", StringComparison.Ordinal).Trim()}");
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

    public static async Task CatchUp(SiloUnderTest silo, SaleBatches batches, int sales)
    {
        using var directory = new TempDirectory();
        var random = new Random(3);
        using (var outbox = new SqliteOutbox(directory.File("outbox.db")))
        {
            foreach (var i in Enumerable.Range(1, sales))
            {
                outbox.Queue.Append(batches.Sale("T01", 0, random, lines: 4));
            }
        }

        using var agent = StoreSales.Edge.EdgeAgentHost.Build(new Dictionary<string, string?>
        {
            ["Agent:StoreId"] = BenchmarkChain.StoreId(9_000),
            ["Agent:ServerUrl"] = silo.BaseAddress.ToString(),
            ["Agent:StoreKey"] = BenchmarkChain.Key(9_000),
            ["Agent:OutboxPath"] = directory.File("outbox.db"),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var outboxInHost = (SqliteOutbox)agent.Services.GetService(typeof(SqliteOutbox))!;
        var clock = Stopwatch.StartNew();
        await agent.StartAsync();

        // A second terminal sells live while T01's backlog drains: how long until its sale is acked, and how much of the
        // backlog is still waiting then (round-robin batches: it should not wait behind the backlog).
        var live = new StoreSales.Contracts.Ingest.SaleKey("T02", outboxInHost.Queue.Append(batches.Sale("T02", 0, random, lines: 4)));
        var liveAcked = TimeSpan.Zero;
        var backlogThen = 0L;
        while (outboxInHost.Queue.Depth > 0)
        {
            if (liveAcked == TimeSpan.Zero && !outboxInHost.Queue.Holds(live))
            {
                liveAcked = clock.Elapsed;
                backlogThen = outboxInHost.Queue.Depth;
            }

            await Task.Delay(liveAcked == TimeSpan.Zero ? 5 : 100);
        }

        var elapsed = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"catch-up: a live sale of another terminal, appended as the catch-up started, was acked after {liveAcked.TotalMilliseconds:N0} ms with {backlogThen:N0} backlog sales still waiting"));
        await agent.StopAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"catch-up: {sales:N0} queued sales (4 lines each) uploaded and acked in {elapsed.TotalSeconds:0.0}s ({sales / elapsed.TotalSeconds:N0} sales/s, Agent:BatchSize 200)"));
    }
}
