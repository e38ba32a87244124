using StoreSales.Domain.Sales;

namespace StoreSales.Edge.Devices.Scanner;

/// <summary>
/// Each terminal's item scans since its last receipt, in memory: what a receipt printed without item codes is completed
/// from (<see cref="ScanLineCompletion"/>). The scanner side records, the receipt side takes (and so starts the next
/// receipt's window). Bounded per terminal: a terminal that scans without ever printing keeps only its latest scans.
/// </summary>
public sealed class ScansSinceReceipt
{
    /// <summary>Most scans kept per terminal; a receipt has far fewer lines.</summary>
    public const int MaxPerTerminal = 500;

    private readonly Dictionary<string, List<ScannedItem>> _scans = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Record(string terminalId, ScannedItem item)
    {
        lock (_gate)
        {
            if (!_scans.TryGetValue(terminalId, out var list))
            {
                _scans[terminalId] = list = [];
            }

            if (list.Count == MaxPerTerminal)
            {
                list.RemoveAt(0);
            }

            list.Add(item);
        }
    }

    /// <summary>The terminal's scans since its previous receipt, oldest first; the window starts again empty.</summary>
    public IReadOnlyList<ScannedItem> Take(string terminalId)
    {
        lock (_gate)
        {
            return _scans.Remove(terminalId, out var list) ? list : [];
        }
    }
}
