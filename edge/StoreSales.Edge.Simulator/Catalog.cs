using System.Globalization;
using StoreSales.Domain.Barcodes;

namespace StoreSales.Edge.Simulator;

/// <summary>An item the simulated tills can sell.</summary>
public sealed record CatalogItem(string Gtin, string Name, decimal UnitPrice);

/// <summary>Reads the demo catalog: CSV <c>gtin,name,unit_price</c> with a header line.</summary>
public static class Catalog
{
    /// <summary>Items with a valid GTIN and price; <paramref name="skipped"/> says which lines were left out and why.</summary>
    public static IReadOnlyList<CatalogItem> Load(string path, out IReadOnlyList<string> skipped)
    {
        var items = new List<CatalogItem>();
        var problems = new List<string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (lineNumber == 1 && line.StartsWith("gtin", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var first = line.IndexOf(',', StringComparison.Ordinal);
            var last = line.LastIndexOf(',');
            if (first < 0 || last <= first)
            {
                problems.Add($"line {lineNumber}: expected gtin,name,unit_price");
                continue;
            }

            var gtin = line[..first].Trim();
            var name = line[(first + 1)..last].Trim().Trim('"');
            if (!Gtin.IsValid(gtin))
            {
                problems.Add($"line {lineNumber}: '{gtin}' is not a valid GTIN");
                continue;
            }

            if (!decimal.TryParse(line[(last + 1)..].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price <= 0)
            {
                problems.Add($"line {lineNumber}: bad unit price");
                continue;
            }

            items.Add(new CatalogItem(gtin, name, price));
        }

        skipped = problems;
        return items;
    }
}
