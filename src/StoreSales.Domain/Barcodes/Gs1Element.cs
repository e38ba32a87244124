namespace StoreSales.Domain.Barcodes;

/// <summary>One AI and its data from a GS1 element string, with the interpretation its AI defines.</summary>
/// <param name="Ai">The AI digits, e.g. "17", "3103".</param>
/// <param name="Title">The GS1 data title of the AI.</param>
/// <param name="Value">The data field exactly as encoded (no parentheses, no GS).</param>
public sealed record Gs1Element(string Ai, string Title, string Value)
{
    /// <summary>Dates (11, 12, 13, 15, 16, 17): DD = 00 is read as the last day of the month.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Counts (30, 37), measures (310n: kg, ...) and amounts (390n–393n) with their implied decimals applied.</summary>
    public decimal? Number { get; init; }

    /// <summary>ISO 4217 numeric currency code of 391n/393n, e.g. "978" for EUR, "156" for CNY.</summary>
    public string? Currency { get; init; }

    /// <summary>
    /// Set when the dictionary names a check this till does not implement (e.g. "couponcode"): the value is accepted
    /// as read, and this says what was not checked.
    /// </summary>
    public string? Note { get; init; }
}
