namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The code lists the dictionary's linters check against (ISO 3166 numeric and alpha-2, ISO 4217 numeric,
/// PackageTypeCode), shipped as data next to the dictionary (gs1-code-lists.txt, same release).
/// </summary>
internal static class Gs1CodeLists
{
    private const string ResourceName = "StoreSales.Domain.Barcodes.gs1-code-lists.txt";

    private static readonly Dictionary<string, HashSet<string>> Lists = Load();

    /// <summary>True when <paramref name="code"/> is in the list named <paramref name="list"/> ("iso3166", "iso4217", ...).</summary>
    public static bool Contains(string list, string code) => Lists.TryGetValue(list, out var codes) && codes.Contains(code);

    private static Dictionary<string, HashSet<string>> Load()
    {
        var lists = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in Gs1SyntaxDictionary.ReadResource(ResourceName).Split('\n'))
        {
            var fields = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && !fields[0].StartsWith('#'))
            {
                lists[fields[0]] = new HashSet<string>(fields.Skip(1), StringComparer.Ordinal);
            }
        }

        foreach (var required in new[] { "iso3166", "iso3166alpha2", "iso4217", "packagetype" })
        {
            if (!lists.ContainsKey(required))
            {
                throw new InvalidOperationException($"{ResourceName} has no \"{required}\" list.");
            }
        }

        return lists;
    }
}
