using System.Diagnostics;
using System.Globalization;

namespace StoreSales.EndToEnd.Tests;

/// <summary>The edge agent as a real process (so it can be killed with SIGKILL), and a read-only look into its outbox.</summary>
internal static class AgentProcess
{
    /// <param name="line">Given every line the agent writes (standard output and error); dropped if null.</param>
    public static Process Start(string[] args, Action<string>? line = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the agent did not start");
        process.OutputDataReceived += (_, e) => Take(e.Data, line);
        process.ErrorDataReceived += (_, e) => Take(e.Data, line);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Take(string? data, Action<string>? line)
    {
        if (data is not null)
        {
            line?.Invoke(data);
        }
    }

    /// <summary>Rows of <paramref name="table"/> in the outbox at <paramref name="path"/>; -1 while the file or table is not there yet.</summary>
    public static long OutboxRows(string path, string table)
    {
        if (!File.Exists(path))
        {
            return -1;
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return -1; // not created yet
        }
    }
}
