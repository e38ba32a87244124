using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StoreSales.Testing;

namespace StoreSales.Demo.Tests;

/// <summary>
/// <c>deploy/local/up.sh</c> itself, as a new user starts it, beside any copy already running on this machine: its own
/// data folder (private PostgreSQL included) and free ports, the solution already built by the caller. Disposing it
/// sends SIGTERM, as Ctrl-C would, and waits for up.sh to stop everything it started.
/// </summary>
public sealed class DemoUnderTest : IAsyncDisposable
{
    private readonly Process _upSh;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _data;

    private DemoUnderTest(Process upSh, string data, Uri commandCenter)
    {
        _upSh = upSh;
        _data = data;
        CommandCenter = new CommandCenterClient(commandCenter);
    }

    public CommandCenterClient CommandCenter { get; }

    /// <summary>Time since up.sh said it was running.</summary>
    public Stopwatch Running { get; } = new();

    /// <summary>What up.sh printed so far (its own lines; the services log into the data folder).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// The shipped demo chain with every store moved to the fixed-offset zone where it is now early afternoon: the check
    /// must see open stores whatever the hour it runs (in Shanghai, 00:00 to 08:00 is closing time for the whole chain).
    /// History, pacing and tills all read the zone from the file, so the chain is the shipped one, only elsewhere.
    /// </summary>
    private static string AfternoonChain(string data, DateTimeOffset now)
    {
        const int LocalHour = 14;
        var offset = ((LocalHour - now.UtcDateTime.Hour + 36) % 24) - 12; // -12..+11
        var zone = offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}"; // Etc/GMT-8 is UTC+8
        var chain = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryPaths.DemoChain))!;
        foreach (var store in chain["stores"]!.AsArray())
        {
            store!["timeZone"] = zone;
        }

        Directory.CreateDirectory(data);
        var path = Path.Combine(data, "demo-chain-afternoon.json");
        File.WriteAllText(path, chain.ToJsonString());
        return path;
    }

    public string Logs => Path.Combine(_data, "run");

    /// <summary>Starts up.sh and returns once it says "StoreSales is running." (a failure to start throws, with its output).</summary>
    public static async Task<DemoUnderTest> Start(TimeSpan limit)
    {
        var data = Path.Combine(RepositoryPaths.Root, ".data", "demo-check-" + Guid.NewGuid().ToString("N")[..8]);
        var commandCenterPort = FreePort();
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "deploy", "local", "up.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["STORESALES_DATA_DIR"] = data;
        start.Environment["STORESALES_PG_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["STORESALES_SILO_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["STORESALES_CC_PORT"] = commandCenterPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["STORESALES_SKIP_BUILD"] = "1";
        start.Environment["STORESALES_DEMO_CHAIN"] = AfternoonChain(data, DateTimeOffset.UtcNow);
        start.Environment.Remove("ConnectionStrings__StoreSales"); // its own private PostgreSQL, as on a fresh machine

        var upSh = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var demo = new DemoUnderTest(upSh, data, new Uri($"http://127.0.0.1:{commandCenterPort}"));
        upSh.OutputDataReceived += (_, line) => demo.Take(line.Data);
        upSh.ErrorDataReceived += (_, line) => demo.Take(line.Data);
        upSh.BeginOutputReadLine();
        upSh.BeginErrorReadLine();

        var started = await Task.WhenAny(demo._running.Task, upSh.WaitForExitAsync(), Task.Delay(limit));
        if (started != demo._running.Task)
        {
            var output = demo.Output;
            await demo.DisposeAsync();
            throw new InvalidOperationException($"up.sh did not say it was running within {limit}:{Environment.NewLine}{output}");
        }

        return demo;
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("StoreSales is running.", StringComparison.Ordinal))
        {
            Running.Start();
            _running.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_upSh.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _upSh.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await _upSh.WaitForExitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                _upSh.Kill(entireProcessTree: true);
            }
        }

        _upSh.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL's files belong to its own user when run as root; the next run's folder has another name.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
