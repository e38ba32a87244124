namespace StoreSales.Domain.Barcodes;

/// <summary>
/// One component of an AI's data field as the GS1 Barcode Syntax Dictionary specifies it, e.g. "N13,csum,gcppos1"
/// or "[X..16]": its character set, its length, whether it may be left out, and the linters that check its content.
/// </summary>
/// <param name="Charset">'N' digits, 'X' GS1 character set 82, 'Y' character set 39, 'Z' base64url (character set 64).</param>
/// <param name="MinLength">Fewest characters (1 for "..n", n for a fixed "n").</param>
/// <param name="MaxLength">Most characters.</param>
/// <param name="Optional">Written "[...]": may be absent when the data ends before it.</param>
/// <param name="Linters">The dictionary's linter names for this component, in order (e.g. "csum", "yymmd0").</param>
public sealed record Gs1Component(char Charset, int MinLength, int MaxLength, bool Optional, IReadOnlyList<string> Linters)
{
    public bool IsFixedLength => MinLength == MaxLength;
}
