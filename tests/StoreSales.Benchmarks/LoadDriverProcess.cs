using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace StoreSales.Benchmarks;

/// <summary>
/// The chain's background load (<see cref="IngestLoad"/>) run in a process of its own while latency is measured. In the
/// measuring process it stalled the probe: 500 stores' batches generated and serialized there made its garbage collector
/// stop it for 0.9–1.3 s of every ~10 s of catch-up probing (2026-12-07), and a probe whose ack the silo had answered in
/// 30 ms then measured 600 ms. A real chain's tills are other machines than the boards and the till being watched.
/// The child runs until its standard input closes, then prints its <see cref="IngestResult"/> as one JSON line.
/// </summary>
internal sealed class LoadDriverProcess : IAsyncDisposable
{
    public const string Mode = "--load-driver";

    private const string Ready = "ready";

    private readonly Process _process;
    private readonly Task<string> _output;

    private LoadDriverProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
    }

    /// <summary>Starts the child and returns once it is about to post (a few hundred milliseconds of start-up are not load).</summary>
    public static async Task<LoadDriverProcess> Start(Uri silo, BenchmarkOptions options, BackgroundLoad load)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                typeof(LoadDriverProcess).Assembly.Location, Mode, silo.ToString(),
                "--first-store", Text(load.FirstStore), "--stores", Text(load.Stores), "--tills", Text(options.Tills),
                "--batch", Text(options.BatchSize), "--lines", Text(options.LinesPerSale),
                "--rate", load.SalesPerSecond is { } rate ? rate.ToString("R", CultureInfo.InvariantCulture) : "full",
                "--lane", load.CatchUp ? "catch-up" : "live",
            },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The load driver did not start.");
        if (await process.StandardOutput.ReadLineAsync() != Ready)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The load driver exited before it was ready; its error is above.");
        }

        return new LoadDriverProcess(process);
    }

    /// <summary>Stops the load and returns what it sent; null when the child failed (its error went to this console).</summary>
    public async Task<IngestResult?> Stop()
    {
        _process.StandardInput.Close();
        var output = await _output;
        await _process.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (_process.ExitCode != 0 || line is null)
        {
            return null;
        }

        var sent = JsonSerializer.Deserialize<SentLoad>(line)!;
        return new IngestResult(sent.Sales, sent.Lines, TimeSpan.FromMilliseconds(sent.ElapsedMs), sent.AckLatenciesMs, sent.Errors, sent.Busy);
    }

    /// <summary>The child's side: the load until standard input closes, then its result on standard output.</summary>
    public static async Task Run(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        int Int(string name) => int.Parse(Arg(name), CultureInfo.InvariantCulture);

        var silo = new Uri(args[Array.IndexOf(args, Mode) + 1]);
        double? rate = Arg("--rate") == "full" ? null : double.Parse(Arg("--rate"), CultureInfo.InvariantCulture);
        var options = BenchmarkOptions.Parse(args) with { Seconds = 3600, WarmupSeconds = 0 };
        var batches = new SaleBatches();
        using var stop = new CancellationTokenSource();
        var stdinClosed = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync();
            await stop.CancelAsync();
        });
        Console.WriteLine(Ready);
        var result = await IngestLoad.Run(silo, batches, options, Int("--first-store"), rate, Arg("--lane") == "catch-up", stop.Token);
        await stdinClosed;
        Console.WriteLine(JsonSerializer.Serialize(new SentLoad(result.Sales, result.Lines, result.Elapsed.TotalMilliseconds, result.AckLatenciesMs, result.Errors, result.Busy)));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record SentLoad(long Sales, long Lines, double ElapsedMs, List<double> AckLatenciesMs, long Errors, long Busy);
}
