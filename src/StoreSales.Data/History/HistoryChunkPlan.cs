using System.Runtime.InteropServices;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// What a chunk writes: its sales (a sale's lines are the rows of the same store, history terminal and second; its total
/// the sum of their amounts), each line's number within its sale (file order), and the lines summed per store, local hour
/// and item for the hourly rollup and per store, local day and item for the daily one, each in its rollup's key order (so
/// that writers never deadlock on its rows).
/// </summary>
internal sealed class HistoryChunkPlan
{
    private HistoryChunkPlan(List<HistoryLine> lines, int[] lineNumbers, List<PlannedSale> sales, List<PlannedHour> hours)
    {
        Lines = lines;
        LineNumbers = lineNumbers;
        Sales = sales;
        Hours = hours;
        Days = DaysOf(hours);
    }

    public IReadOnlyList<HistoryLine> Lines { get; }

    public IReadOnlyList<int> LineNumbers { get; }

    public IReadOnlyList<PlannedSale> Sales { get; }

    public IReadOnlyList<PlannedHour> Hours { get; }

    /// <summary>The hours summed per store-local day, in the daily rollup's key order.</summary>
    public IReadOnlyList<PlannedHour> Days { get; }

    public static HistoryChunkPlan Of(List<HistoryLine> lines)
    {
        var numbers = new int[lines.Count];
        var sales = new Dictionary<(string, string, long), int>();
        var planned = new List<PlannedSale>();
        var hours = new Dictionary<(string StoreId, DateTime LocalHour, string ItemCode), (long MilliUnits, long Cents, int Lines)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(sales, (line.StoreId, line.TerminalId, line.Sequence), out var exists);
            if (!exists)
            {
                index = planned.Count;
                planned.Add(new PlannedSale(line.StoreId, line.TerminalId, line.Sequence));
            }

            var sale = planned[index];
            sale.Lines++;
            sale.Cents += line.Cents;
            numbers[i] = sale.Lines;
            Add(hours, line);
        }

        var sorted = hours.Select(h => new PlannedHour(h.Key.StoreId, h.Key.LocalHour, h.Key.ItemCode, h.Value.MilliUnits, h.Value.Cents, h.Value.Lines)).ToList();
        sorted.Sort(PlannedHour.KeyOrder);
        return new HistoryChunkPlan(lines, numbers, planned, sorted);
    }

    // A day is a PlannedHour at the day's midnight.
    private static List<PlannedHour> DaysOf(List<PlannedHour> hours)
    {
        var days = new Dictionary<(string StoreId, DateTime LocalDay, string ItemCode), (long MilliUnits, long Cents, int Lines)>();
        foreach (var hour in hours)
        {
            ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(days, (hour.StoreId, hour.LocalHour.Date, hour.ItemCode), out _);
            day.MilliUnits += hour.MilliUnits;
            day.Cents += hour.Cents;
            day.Lines += hour.Lines;
        }

        var sorted = days.Select(d => new PlannedHour(d.Key.StoreId, d.Key.LocalDay, d.Key.ItemCode, d.Value.MilliUnits, d.Value.Cents, d.Value.Lines)).ToList();
        sorted.Sort(PlannedHour.KeyOrder);
        return sorted;
    }

    private static void Add(Dictionary<(string, DateTime, string), (long MilliUnits, long Cents, int Lines)> hours, HistoryLine line)
    {
        ref var hour = ref CollectionsMarshal.GetValueRefOrAddDefault(hours, (line.StoreId, line.LocalHour, line.ItemCode), out _);
        hour.MilliUnits += line.MilliUnits;
        hour.Cents += line.Cents;
        hour.Lines++;
    }
}

/// <summary>One sale of a chunk: its key, and its lines and total as they are added up.</summary>
internal sealed class PlannedSale(string storeId, string terminalId, long sequence)
{
    public string StoreId { get; } = storeId;

    public string TerminalId { get; } = terminalId;

    public long Sequence { get; } = sequence;

    public int Lines { get; set; }

    public long Cents { get; set; }
}

/// <summary>A chunk's lines of one item sold in one store within one store-local hour.</summary>
internal sealed record PlannedHour(string StoreId, DateTime LocalHour, string ItemCode, long MilliUnits, long Cents, int Lines)
{
    /// <summary>The rollups' key order: store, time, item, the codes compared byte by byte as their "C" collation does.</summary>
    public static readonly Comparison<PlannedHour> KeyOrder = static (a, b) =>
    {
        var order = string.CompareOrdinal(a.StoreId, b.StoreId);
        order = order != 0 ? order : a.LocalHour.CompareTo(b.LocalHour);
        return order != 0 ? order : string.CompareOrdinal(a.ItemCode, b.ItemCode);
    };
}
