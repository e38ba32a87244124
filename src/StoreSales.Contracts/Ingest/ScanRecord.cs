namespace StoreSales.Contracts.Ingest;

/// <summary>
/// One valid scan as a terminal's scanner read it, before (or without) any receipt: the item-level signal of a till
/// that speaks only through its printer, and the evidence the scan-vs-receipt check compares receipts with.
/// </summary>
public sealed record ScanRecord
{
    /// <summary>Terminal id, unique within the store (e.g. <c>T01</c>).</summary>
    public string TerminalId { get; init; } = "";

    /// <summary>Per-terminal scan sequence assigned by the edge agent; never reused, survives restarts. Independent of sale sequences.</summary>
    public long Sequence { get; init; }

    /// <summary>When the agent received the scan (the agent's clock).</summary>
    public DateTimeOffset ScannedAt { get; init; }

    /// <summary>
    /// The decoded code to count the item by: the GTIN (a 14-digit GTIN with a leading zero as its 13 digits, the form
    /// tills print), the item code of a variable-measure label, or the member id of a member card.
    /// </summary>
    public string Code { get; init; } = "";

    /// <summary>The AIM symbology identifier the scanner sent (<c>]E0</c>, <c>]C1</c> …), or <c>none</c>.</summary>
    public string Symbology { get; init; } = "";

    /// <summary>What the code is: <see cref="ScanKinds"/>.</summary>
    public string Kind { get; init; } = ScanKinds.Gtin;

    /// <summary>Net weight in kg embedded in the label (variable measure, AI 310n); null for a unit item.</summary>
    public decimal? WeightKg { get; init; }
}

/// <summary>The kinds of scan the agent ships (invalid and unrecognised scans are counted on the agent, not shipped).</summary>
public static class ScanKinds
{
    public const string Gtin = "gtin";
    public const string Gs1 = "gs1";
    public const string VariableMeasure = "variable-measure";
    public const string Member = "member";

    public static bool IsKnown(string? kind) => kind is Gtin or Gs1 or VariableMeasure or Member;

    /// <summary>Kinds that name an item (a member card does not).</summary>
    public static bool IsItem(string? kind) => kind is Gtin or Gs1 or VariableMeasure;
}
