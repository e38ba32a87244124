namespace StoreSales.Domain.Barcodes;

/// <summary>
/// One GS1 Application Identifier as the GS1 Barcode Syntax Dictionary defines it (<see cref="Gs1SyntaxDictionary"/>):
/// its title, the components of its data field with their linters, whether it has a predefined length, and the AIs
/// it must not be combined with.
/// </summary>
/// <param name="Ai">The AI digits, e.g. "01", "3103".</param>
/// <param name="Title">The GS1 data title, e.g. "GTIN", "BATCH/LOT", "NET WEIGHT (kg)".</param>
/// <param name="Components">The data field, component by component; only the last may vary in length.</param>
/// <param name="HasPredefinedLength">
/// Flag "*": the field has a predefined length and is never followed by FNC1 (GS). Every other AI, even a fixed-length
/// one such as 8111, must be ended by FNC1 unless it is last.
/// </param>
/// <param name="Excludes">The dictionary's "ex=" list: AIs or patterns ("310n", "31nn") that must not appear with this one.</param>
public sealed record Gs1ApplicationIdentifier(
    string Ai,
    string Title,
    IReadOnlyList<Gs1Component> Components,
    bool HasPredefinedLength,
    IReadOnlyList<string> Excludes)
{
    /// <summary>How messages name the AI: "AI (01) GTIN"; the dictionary leaves a few (8110, 8112) without a title.</summary>
    public string Label => Title.Length == 0 ? $"AI ({Ai})" : $"AI ({Ai}) {Title}";

    /// <summary>Fewest characters in the data field: every mandatory component at its shortest.</summary>
    public int MinLength => Components.Where(c => !c.Optional).Sum(c => c.MinLength);

    /// <summary>Most characters in the data field.</summary>
    public int MaxLength => Components.Sum(c => c.MaxLength);

    /// <summary>
    /// How the till reads the value beyond its characters. The dictionary says which fields are dates (their
    /// yymmd0/yymmdd linter); counts, measures and amounts are read per GS1 General Specifications section 3 (the
    /// last AI digit of 31nn–36nn, 390n–395n is the number of implied decimals).
    /// </summary>
    public Gs1ValueKind Kind => Components switch
    {
        [{ Linters: ["yymmd0" or "yymmdd"] }] => Gs1ValueKind.Date,
        _ when Ai is "30" or "37" => Gs1ValueKind.Count,
        _ when Ai.Length == 4 && Ai[..3] is "391" or "393" => Gs1ValueKind.CurrencyAndNumber,
        _ when Ai.Length == 4 && (Ai[..2] is "31" or "32" or "33" or "34" or "35" or "36" || Ai[..3] is "390" or "392" or "394" or "395") => Gs1ValueKind.Number,
        _ => Gs1ValueKind.Text,
    };

    /// <summary>Implied decimal places of a <see cref="Gs1ValueKind.Number"/> or currency AI: its last digit.</summary>
    public int Decimals => Kind is Gs1ValueKind.Number or Gs1ValueKind.CurrencyAndNumber ? Ai[^1] - '0' : 0;

    /// <summary>True when <paramref name="other"/> is excluded by this AI's "ex=" list ('n' in a pattern is any digit).</summary>
    public bool Excluded(string other) =>
        other != Ai && Excludes.Any(p => p.Length == other.Length && p.Zip(other).All(x => x.First == 'n' || x.First == x.Second));
}
