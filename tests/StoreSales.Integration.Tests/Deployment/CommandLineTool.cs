using System.Diagnostics;

namespace StoreSales.Integration.Tests.Deployment;

/// <summary>
/// A command-line tool the deployment checks run when this machine has it (kubectl, docker compose): containers and
/// clusters cannot run here, but their own tools can read what we ship.
/// </summary>
internal static class CommandLineTool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <paramref name="file"/>; null when it is not installed.</summary>
    public static async Task<Result?> Run(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not on PATH
        }

        using (process)
        {
            var cancel = TestContext.Current.CancellationToken;
            var output = process.StandardOutput.ReadToEndAsync(cancel);
            var error = process.StandardError.ReadToEndAsync(cancel);
            await process.WaitForExitAsync(cancel);
            return new Result(process.ExitCode, await output, await error);
        }
    }
}
