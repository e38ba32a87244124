namespace StoreSales.Domain.Barcodes;

/// <summary>
/// Every AI of GS1's Barcode Syntax Dictionary (<see cref="Gs1SyntaxDictionary"/>), read once at first use. An AI
/// the dictionary lacks is reported as unknown rather than guessed at, because without its length the rest of the
/// element string cannot be split reliably. GS1 AIs are prefix-free, so a 2-, 3- or 4-digit lookup is unambiguous.
/// </summary>
public static class Gs1ApplicationIdentifiers
{
    private static readonly (string Release, Dictionary<string, Gs1ApplicationIdentifier> Table) Loaded = Load();

    /// <summary>The dictionary's release ("2026-01-27"), shown by the agent's <c>doctor</c>.</summary>
    public static string Release => Loaded.Release;

    public static IReadOnlyCollection<Gs1ApplicationIdentifier> All => Loaded.Table.Values;

    /// <summary>The definition of exactly this AI, or null.</summary>
    public static Gs1ApplicationIdentifier? Find(string ai) => Loaded.Table.GetValueOrDefault(ai);

    /// <summary>The AI that starts <paramref name="text"/> at <paramref name="start"/>, or null when none of 2–4 digits matches.</summary>
    public static Gs1ApplicationIdentifier? FindAt(string text, int start)
    {
        for (var length = 2; length <= 4 && start + length <= text.Length; length++)
        {
            if (Loaded.Table.TryGetValue(text.Substring(start, length), out var ai))
            {
                return ai;
            }
        }

        return null;
    }

    /// <summary>Linters the dictionary names that this till does not implement (their values are accepted with a note).</summary>
    public static IReadOnlyList<string> UncheckedLinters =>
        All.SelectMany(a => a.Components).SelectMany(c => c.Linters).Distinct().Where(l => !Gs1Linters.IsImplemented(l)).Order(StringComparer.Ordinal).ToList();

    private static (string, Dictionary<string, Gs1ApplicationIdentifier>) Load()
    {
        var (release, ais) = Gs1SyntaxDictionary.LoadShipped();
        return (release, ais.ToDictionary(a => a.Ai, StringComparer.Ordinal));
    }
}
