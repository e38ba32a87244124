using System.Globalization;

namespace StoreSales.Faults.Tests;

/// <summary>
/// One line of the fault table: what the tills sent, what the ledger holds of it, lost and doubled, and how long after
/// the fault the boards were current again (null where no board was watched).
/// </summary>
public sealed record FaultRow(string Fault, long Sent, long InLedger, long Lost, long Doubled, TimeSpan? BoardsCurrentAfter, string Reconciliation)
{
    /// <summary>Appends the row to the suite's table (tab-separated; faults.sh sorts the rows by fault and prints them).</summary>
    public void Record(ITestOutputHelper? output)
    {
        var board = BoardsCurrentAfter is { } after ? after.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "-";
        var line = string.Join('\t', Fault, Sent, InLedger, Lost, Doubled, board, Reconciliation);
        Directory.CreateDirectory(Path.GetDirectoryName(FaultSuite.TableFile)!);
        File.AppendAllLines(FaultSuite.TableFile, [line]);
        output?.WriteLine(line);
    }
}
