using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// What a group writes when none of its sales is in the ledger yet: each (store, terminal, sequence) once, from the
/// first request that carries it (a retry racing its original in the same group is the duplicate), and the group's
/// lines summed per store, item and UTC quarter hour for the hourly rollup. A quarter hour of UTC lies within one
/// local hour in every time zone (offsets are multiples of 15 minutes), so PostgreSQL turns these rows into the
/// stores' local hours with its own time-zone data, and the rollup stays what the ledger says.
/// </summary>
internal sealed class LedgerGroupPlan
{
    private static readonly long QuarterTicks = TimeSpan.FromMinutes(15).Ticks;

    private LedgerGroupPlan(IReadOnlyList<SaleKey>[] kept, List<(string StoreId, SaleRecord Sale)> sales, List<QuarterItemUnits> quarters)
    {
        Kept = kept;
        Sales = sales;
        Quarters = quarters;
    }

    /// <summary>Per request (the group's order), the keys of its sales that this group writes.</summary>
    public IReadOnlyList<SaleKey>[] Kept { get; }

    /// <summary>The sales to write, each key once.</summary>
    public IReadOnlyList<(string StoreId, SaleRecord Sale)> Sales { get; }

    /// <summary>The written sales' lines summed per store, UTC quarter hour and item, in key order.</summary>
    public IReadOnlyList<QuarterItemUnits> Quarters { get; }

    public static LedgerGroupPlan Of(IReadOnlyList<PendingAppend> group)
    {
        var seen = new HashSet<(string, string, long)>();
        var kept = new IReadOnlyList<SaleKey>[group.Count];
        var sales = new List<(string, SaleRecord)>();
        var sums = new Dictionary<(string StoreId, long Quarter, string ItemCode), QuarterItemUnits>();
        for (var request = 0; request < group.Count; request++)
        {
            var storeId = group[request].StoreId;
            var keys = new List<SaleKey>(group[request].Sales.Count);
            foreach (var sale in group[request].Sales)
            {
                if (!seen.Add((storeId, sale.TerminalId, sale.Sequence)))
                {
                    continue;
                }

                keys.Add(new SaleKey(sale.TerminalId, sale.Sequence));
                sales.Add((storeId, sale));
                var ticks = sale.RungUpAt.UtcTicks;
                var quarter = ticks - (ticks % QuarterTicks);
                foreach (var line in sale.Lines)
                {
                    var key = (storeId, quarter, line.ItemCode);
                    sums[key] = sums.TryGetValue(key, out var sum)
                        ? sum with { Units = sum.Units + line.Quantity, Amount = sum.Amount + line.Amount, Lines = sum.Lines + 1 }
                        : new QuarterItemUnits(storeId, new DateTime(quarter, DateTimeKind.Utc), line.ItemCode, line.Quantity, line.Amount, 1);
                }
            }

            kept[request] = keys;
        }

        var quarters = sums.Values
            .OrderBy(q => q.StoreId, StringComparer.Ordinal)
            .ThenBy(q => q.QuarterAt)
            .ThenBy(q => q.ItemCode, StringComparer.Ordinal)
            .ToList();
        return new LedgerGroupPlan(kept, sales, quarters);
    }
}

/// <summary>Units, amount and line count of one item sold in one store within one UTC quarter hour.</summary>
internal sealed record QuarterItemUnits(string StoreId, DateTime QuarterAt, string ItemCode, decimal Units, decimal Amount, int Lines);
