using System.Diagnostics;
using Npgsql;
using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>The PostgreSQL cluster faults.sh started, stopped and started again with deploy/local/lib.sh's own functions.</summary>
public static class DatabaseServer
{
    public static Task Stop(CancellationToken cancellationToken) => LibSh("pg_stop \"$1\"", cancellationToken, FaultSuite.DatabaseFolder);

    /// <param name="suiteDatabase">The suite's own connections, which died with the server: dropped from its pool.</param>
    public static async Task Start(NpgsqlDataSource suiteDatabase, CancellationToken cancellationToken)
    {
        // As faults.sh started it (tests may run PostgreSQL without fsync).
        await LibSh("pg_start \"$1\" \"$2\" fast", cancellationToken, FaultSuite.DatabaseFolder, FaultSuite.DatabasePort);
        suiteDatabase.Clear();
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task LibSh(string command, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"source deploy/local/lib.sh && {command}");
        start.ArgumentList.Add("lib.sh");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
