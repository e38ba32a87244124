using System.Diagnostics;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// One StoreSales host (silo, command center, gateway) as its own operating-system process, started from its project's
/// own build output the way <c>deploy/local/up.sh</c> starts it, its output in a log file. A process can then be killed
/// as a crash kills it (SIGKILL), which an in-process host cannot be.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(string name, Process process, Uri baseAddress, string log)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        Log = log;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>Where its standard output and error go; a failing test names it.</summary>
    public string Log { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="project">The project folder under the repository, e.g. <c>src/StoreSales.Silo</c>.</param>
    public static NodeProcess Start(string name, string project, int httpPort, IEnumerable<string> settings, string logFolder)
    {
        var assembly = Path.GetFileName(project);
        var dll = Path.Combine(RepositoryPaths.Root, project, "bin", BuildConfiguration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not built: build the solution ({BuildConfiguration}) before this test.");
        }

        var log = Path.Combine(logFolder, name + ".log");
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        // Through exec, so the process killed is the host itself and its output goes straight to the file.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" \"$@\" >\"$LOG\" 2>&1");
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{httpPort}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["LOG"] = log;
        start.Environment.Remove("ConnectionStrings__StoreSales");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        return new NodeProcess(name, process, new Uri($"http://127.0.0.1:{httpPort}"), log);
    }

    /// <summary>The configuration this test assembly was built in (Release or Debug): the hosts are built alike.</summary>
    private static string BuildConfiguration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>Returns once <paramref name="path"/> answers 2xx; throws with the log's tail if the process ended or never did.</summary>
    public async Task WaitUntilAnswering(string path, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.Holds(
                async () =>
                {
                    if (_process.HasExited)
                    {
                        throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:{Environment.NewLine}{Tail()}");
                    }

                    try
                    {
                        using var response = await http.GetAsync(path, cancellationToken);
                        return response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                    catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        return false;
                    }
                },
                $"{Name} answers {path}",
                limit,
                cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}{Environment.NewLine}{Tail()}", exception);
        }
    }

    /// <summary>As a crash or the OOM killer ends it: SIGKILL, no shutdown of any kind.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>As an operator's restart stops it: SIGTERM, and the host shuts down in order (a silo leaves the cluster).</summary>
    public async Task Stop(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>The last lines of its log, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(Log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Kill();
        _process.Dispose();
    }
}
