using System.Runtime.InteropServices;
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

    private LedgerGroupPlan(IReadOnlyList<SaleKey>[] kept, List<(string StoreId, SaleRecord Sale, byte[] Hash)> sales, List<QuarterItemUnits> quarters, bool conflicting)
    {
        Kept = kept;
        Sales = sales;
        Quarters = quarters;
        Conflicting = conflicting;
    }

    /// <summary>Per request (the group's order), the keys of its sales that this group writes.</summary>
    public IReadOnlyList<SaleKey>[] Kept { get; }

    /// <summary>The sales to write, each key once, with their content hashes.</summary>
    public IReadOnlyList<(string StoreId, SaleRecord Sale, byte[] Hash)> Sales { get; }

    /// <summary>
    /// Two requests of the group carry one key with different content: the plan cannot be copied as it is (the later
    /// request must be refused whole), so the group goes the staged way, which sorts conflicts out.
    /// </summary>
    public bool Conflicting { get; }

    /// <summary>The written sales' lines summed per store, UTC quarter hour and item, in key order.</summary>
    public IReadOnlyList<QuarterItemUnits> Quarters { get; }

    /// <summary>
    /// The two dictionaries a plan is worked out in, kept by each group writer for its next group (emptied, not freed). A
    /// group of 1,000 ten-line sales sums into thousands of keys, and dictionaries that size, made anew per group, grew
    /// through arrays over 85,000 bytes: large objects, which brought the silo's full (gen 2) collections
    /// (docs/benchmarks.md, "2026-12-07 19:36–21:39Z"). One writer works out one plan at a time.
    /// </summary>
    internal sealed class Scratch
    {
        internal Dictionary<(string, string, long), byte[]> Seen { get; } = [];

        internal Dictionary<(string StoreId, long Quarter, string ItemCode), Sum> Sums { get; } = [];
    }

    public static LedgerGroupPlan Of(IReadOnlyList<PendingAppend> group, Scratch scratch)
    {
        try
        {
            return Of(group, scratch.Seen, scratch.Sums);
        }
        finally
        {
            scratch.Seen.Clear();
            scratch.Sums.Clear();
        }
    }

    private static LedgerGroupPlan Of(IReadOnlyList<PendingAppend> group, Dictionary<(string, string, long), byte[]> seen, Dictionary<(string StoreId, long Quarter, string ItemCode), Sum> sums)
    {
        var conflicting = false;
        var kept = new IReadOnlyList<SaleKey>[group.Count];
        var sales = new List<(string, SaleRecord, byte[])>();
        for (var request = 0; request < group.Count; request++)
        {
            var storeId = group[request].StoreId;
            var keys = new List<SaleKey>(group[request].Sales.Count);
            var hashes = group[request].Hashes;
            for (var index = 0; index < hashes.Count; index++)
            {
                var sale = group[request].Sales[index];
                if (seen.TryGetValue((storeId, sale.TerminalId, sale.Sequence), out var first))
                {
                    conflicting |= !first.AsSpan().SequenceEqual(hashes[index]);
                    continue;
                }

                seen.Add((storeId, sale.TerminalId, sale.Sequence), hashes[index]);
                keys.Add(new SaleKey(sale.TerminalId, sale.Sequence));
                sales.Add((storeId, sale, hashes[index]));
                var ticks = sale.RungUpAt.UtcTicks;
                var quarter = ticks - (ticks % QuarterTicks);
                foreach (var line in sale.Lines)
                {
                    // Updated in place: a group has ~10,000 lines, and a new record per line was a GC cost at full load.
                    ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, (storeId, quarter, line.ItemCode), out _);
                    sum.Units += Ledger(line.Quantity, QuantityScale);
                    sum.Amount += Ledger(line.Amount, AmountScale);
                    sum.Lines++;
                }
            }

            kept[request] = keys;
        }

        var quarters = new List<QuarterItemUnits>(sums.Count);
        foreach (var ((storeId, quarter, itemCode), sum) in sums)
        {
            quarters.Add(new QuarterItemUnits(storeId, new DateTime(quarter, DateTimeKind.Utc), itemCode, sum.Units, sum.Amount, sum.Lines));
        }

        quarters.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.StoreId, b.StoreId);
            order = order != 0 ? order : a.QuarterAt.CompareTo(b.QuarterAt);
            return order != 0 ? order : string.CompareOrdinal(a.ItemCode, b.ItemCode);
        });
        return new LedgerGroupPlan(kept, sales, quarters, conflicting);
    }

    // The scales of sale_line.quantity and .amount: the rollup adds what the ledger stores, which PostgreSQL rounds to
    // its column's scale half away from zero.
    private const int QuantityScale = 3;
    private const int AmountScale = 2;

    private static decimal Ledger(decimal value, int scale) => Math.Round(value, scale, MidpointRounding.AwayFromZero);

    internal struct Sum
    {
        public decimal Units;
        public decimal Amount;
        public int Lines;
    }
}

/// <summary>Units, amount and line count of one item sold in one store within one UTC quarter hour.</summary>
internal sealed record QuarterItemUnits(string StoreId, DateTime QuarterAt, string ItemCode, decimal Units, decimal Amount, int Lines);
