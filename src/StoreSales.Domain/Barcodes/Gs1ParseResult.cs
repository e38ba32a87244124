namespace StoreSales.Domain.Barcodes;

/// <summary>
/// The elements of a GS1 element string, or why it could not be read. On failure <see cref="Elements"/> is empty:
/// a half-read element string is not something a till should act on.
/// </summary>
/// <param name="Elements">The elements in the order they were encoded.</param>
/// <param name="Error">Which AI (and where) and what is wrong, or null when the whole string was read.</param>
public sealed record Gs1ParseResult(IReadOnlyList<Gs1Element> Elements, string? Error)
{
    public bool IsValid => Error is null;

    /// <summary>The first element with this AI, or null.</summary>
    public Gs1Element? Find(string ai) => Elements.FirstOrDefault(e => e.Ai == ai);

    internal static Gs1ParseResult Failure(string error) => new([], error);
}
