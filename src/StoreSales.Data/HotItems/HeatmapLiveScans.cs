using StoreSales.Abstractions.Live;
using StoreSales.Domain.HotItems;

namespace StoreSales.Data.HotItems;

/// <summary>
/// The heatmap as it stands after the scans heard since it was read: HQ's cells move at the scan of a scan-sourced
/// terminal (<c>HotItems:ScanSourcedTerminals</c>) instead of at the page's next read.
/// <para>
/// Never counts a scan twice: a read holds, for now's window, only what was rung up or scanned before its
/// <see cref="HotItemHeatmap.At"/> (the ledger part ends there, and so do the open receipt's scans), so a scan counts
/// here only from <see cref="HotItemHeatmap.At"/> on, and each once by its identity. The next read takes over: its later
/// <see cref="HotItemHeatmap.At"/> drops those scans here, and the receipt they were on then counts by its scans (still
/// open) or by its lines (paid), never by both. What lands around a read's instant (a scan or a sale from before
/// <see cref="HotItemHeatmap.At"/> stored after the read began) is missing until the next read, never doubled.
/// </para>
/// <para>
/// Only the columns shown move: a scanned item outside the chain's top items waits for the next read to rank it.
/// </para>
/// </summary>
public static class HeatmapLiveScans
{
    public static HotItemHeatmap Add(HotItemHeatmap heatmap, IEnumerable<HeatmapScan> scans, HotItemOptions rule)
    {
        var stores = heatmap.Stores.Select(s => s.StoreId).ToHashSet(StringComparer.Ordinal);
        var items = heatmap.Items.Select(i => i.ItemCode).ToHashSet(StringComparer.Ordinal);
        var added = scans
            .Where(s => s.ScannedAt >= heatmap.At && stores.Contains(s.StoreId) && items.Contains(s.ItemCode))
            .DistinctBy(s => (s.StoreId, s.TerminalId, s.Sequence))
            .GroupBy(s => (s.StoreId, s.ItemCode))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Units));
        if (added.Count == 0)
        {
            return heatmap;
        }

        var cells = heatmap.Cells.ToDictionary(c => (c.StoreId, c.ItemCode));
        foreach (var ((storeId, itemCode), units) in added)
        {
            // A pair that neither sold nor usually sells has no cell yet: zero units against zero usual.
            var cell = cells.GetValueOrDefault((storeId, itemCode)) ?? new HeatmapCell(storeId, itemCode, 0, 0, 0, false);
            var lift = ItemLift.Of(cell.Units + units, cell.UsualUnits, rule);
            cells[(storeId, itemCode)] = cell with { Units = lift.Units, Lift = lift.Lift, IsHot = lift.IsHot };
        }

        var byItem = added.GroupBy(a => a.Key.ItemCode).ToDictionary(g => g.Key, g => g.Sum(a => a.Value), StringComparer.Ordinal);
        var columns = heatmap.Items
            .Select(item =>
            {
                if (!byItem.TryGetValue(item.ItemCode, out var units))
                {
                    return item;
                }

                var lift = ItemLift.Of(item.Units + units, item.UsualUnits, rule);
                return item with { Units = lift.Units, Lift = lift.Lift, IsHot = lift.IsHot };
            })
            .ToList();
        return heatmap with { Items = columns, Cells = [.. cells.Values] };
    }
}
