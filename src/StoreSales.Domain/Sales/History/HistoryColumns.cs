using System.Collections.Immutable;

namespace StoreSales.Domain.Sales.History;

/// <summary>
/// The columns of a history CSV file (docs/domain.md "History import"), named in its header in any order. Every column
/// is required: a file whose header lacks one, or names one twice or one this import does not know, is refused whole.
/// </summary>
public static class HistoryColumns
{
    public const string Store = "store";
    public const string Terminal = "terminal";
    public const string Time = "time";
    public const string Item = "item";
    public const string Quantity = "quantity";
    public const string Amount = "amount";

    /// <summary>The columns, in the order <see cref="HistoryRowRule.Check"/> takes their values.</summary>
    public static readonly ImmutableArray<string> All = [Store, Terminal, Time, Item, Quantity, Amount];

    /// <summary>The problems with a header (each a sentence), empty when it names each column exactly once.</summary>
    public static ImmutableArray<string> CheckHeader(IReadOnlyList<string> header)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var unknown in header.Where(h => !All.Contains(h)).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"The header names '{unknown}', which is not a column of a history file ({string.Join(",", All)}).");
        }

        foreach (var twice in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"The header names '{twice}' twice.");
        }

        foreach (var missing in All.Where(c => !header.Contains(c, StringComparer.Ordinal)))
        {
            problems.Add($"The header lacks the column '{missing}' (required: {string.Join(",", All)}).");
        }

        return problems.ToImmutable();
    }
}
