namespace StoreSales.Domain.Sales;

/// <summary>A printed receipt's item line as the completion rule needs it: the code read (or the name standing for it), quantity, and whether a code was printed.</summary>
public sealed record PrintedLine(string ItemCode, decimal Quantity, bool CodePrinted);

/// <summary>An item scanned at the terminal since its previous receipt: its code and units (one, or the label's weight in kg).</summary>
public sealed record ScannedItem(string Code, decimal Units);

/// <summary>What completing a receipt from its scans came to: the lines' codes, or why they stay as printed.</summary>
public sealed record LineCompletion(IReadOnlyList<string>? Codes, int Completed, string? Reason)
{
    public bool Applied => Codes is not null;
}

/// <summary>
/// Completes the item codes of a receipt printed without them (a till that reports only through its printer) from the
/// scans its terminal read between the previous receipt and this one. The scans, grouped by code in the order each was
/// first scanned (a till prints two scans of one item as one line of 2), must match the receipt's item lines one to one,
/// in order, with the same quantity; and where a line does print a code it must be the scan's. Anything else (an item
/// keyed in by hand, a line voided after its scan, a scan the agent missed) leaves every line as printed, with the
/// reason: a wrong code is worse than a name.
/// </summary>
public static class ScanLineCompletion
{
    public static LineCompletion Complete(IReadOnlyList<PrintedLine> lines, IReadOnlyList<ScannedItem> scans)
    {
        if (lines.All(l => l.CodePrinted))
        {
            return new LineCompletion(null, 0, "every line printed its code");
        }

        var groups = new List<(string Code, decimal Units)>();
        foreach (var scan in scans)
        {
            var at = groups.FindIndex(g => g.Code == scan.Code);
            if (at < 0)
            {
                groups.Add((scan.Code, scan.Units));
            }
            else
            {
                groups[at] = (scan.Code, groups[at].Units + scan.Units);
            }
        }

        if (groups.Count != lines.Count)
        {
            return new LineCompletion(null, 0, $"{lines.Count} item lines but {groups.Count} items scanned since the previous receipt");
        }

        var codes = new string[lines.Count];
        var completed = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, group) = (lines[i], groups[i]);
            if (Math.Abs(line.Quantity) != group.Units)
            {
                return new LineCompletion(null, 0, $"line {i + 1} has quantity {line.Quantity} but {group.Units} of {group.Code} were scanned");
            }

            if (line.CodePrinted && line.ItemCode != group.Code)
            {
                return new LineCompletion(null, 0, $"line {i + 1} prints {line.ItemCode} but {group.Code} was scanned");
            }

            codes[i] = group.Code;
            completed += line.CodePrinted ? 0 : 1;
        }

        return new LineCompletion(codes, completed, null);
    }
}
