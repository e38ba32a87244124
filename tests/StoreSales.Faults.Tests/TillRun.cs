using System.Globalization;
using System.Text.RegularExpressions;
using StoreSales.Edge.Simulator;
using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>
/// The store's tills, played by the simulator (in this process, on the pseudo-terminals' device ends): a number of sales
/// per till at a rate, then each till's day-end report (Z). What it printed for each sale (terminal and receipt) is the
/// tills' own count the ledger is reconciled with.
/// </summary>
public sealed partial class TillRun
{
    private readonly StringWriter _output = new(CultureInfo.InvariantCulture);
    private readonly StringWriter _errors = new(CultureInfo.InvariantCulture);

    // TextWriter.Synchronized locks on the wrapper itself (MethodImplOptions.Synchronized): reading locks on it too.
    private readonly TextWriter _synchronizedOutput;

    private TillRun()
    {
        _synchronizedOutput = TextWriter.Synchronized(_output);
    }

    /// <summary>Ends with the simulator's exit code (0: every sale and Z written).</summary>
    public Task<int> Done { get; private set; } = null!;

    public static TillRun Start(IReadOnlyList<(string Terminal, string DeviceEnd)> tills, int salesPerTerminal, double salesPerMinute, CancellationToken cancellationToken)
    {
        var run = new TillRun();
        List<string> args =
        [
            "--catalog", RepositoryPaths.DemoItems,
            "--sales-per-minute", salesPerMinute.ToString(CultureInfo.InvariantCulture),
            "--count", salesPerTerminal.ToString(CultureInfo.InvariantCulture),
            "--z-report",
        ];
        foreach (var (terminal, deviceEnd) in tills)
        {
            args.AddRange(["--terminal", $"{terminal}={deviceEnd}"]);
        }

        run.Done = Task.Run(() => SimulatorApp.RunAsync(args, run._synchronizedOutput, TextWriter.Synchronized(run._errors), cancellationToken), cancellationToken);
        return run;
    }

    /// <summary>Waits for the tills to finish; throws with the simulator's errors if they did not.</summary>
    public async Task Finish(TimeSpan limit, CancellationToken cancellationToken)
    {
        await Eventually.Holds(() => Done.IsCompleted, "the tills rang up every sale and sent their Z", limit, cancellationToken);
        var code = await Done;
        if (code != 0)
        {
            throw new InvalidOperationException($"the simulator ended with {code}: {Errors}");
        }
    }

    public string Errors => _errors.ToString();

    /// <summary>Every receipt the tills rang up, per terminal, as the simulator printed them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Receipts()
    {
        string text;
        lock (_synchronizedOutput)
        {
            text = _output.ToString();
        }

        return SaleLine().Matches(text)
            .GroupBy(m => m.Groups["terminal"].Value, m => m.Groups["receipt"].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g], StringComparer.Ordinal);
    }

    /// <summary>Sales rung up so far, every till together.</summary>
    public int Sold => Receipts().Values.Sum(r => r.Count);

    // "T01: sale 3/100 receipt T01-20261206093000-0003, 4 items, total 12.30" (TerminalSimulator).
    [GeneratedRegex(@"^(?<terminal>[A-Za-z0-9_-]+): sale \d+(?:/\d+)? receipt (?<receipt>\S+),", RegexOptions.Multiline)]
    private static partial Regex SaleLine();
}
