namespace StoreSales.Data.DayEnd;

/// <summary>Day-end reconciliation settings (section <c>DayEnd</c>; docs/domain.md "Day-end reconciliation").</summary>
public sealed class DayEndOptions
{
    public const string SectionName = "DayEnd";

    /// <summary>Most sales listed under one terminal's difference; the rest are counted (default 50).</summary>
    public int MaxListedSales { get; set; } = 50;

    /// <summary>Most days the reconciliation API and page return at once, newest first (default 14).</summary>
    public int MaxDays { get; set; } = 14;

    public string? Validate() =>
        MaxListedSales is < 1 or > 10_000 ? $"{SectionName}:{nameof(MaxListedSales)} must be between 1 and 10000 (is {MaxListedSales})."
        : MaxDays is < 1 or > 366 ? $"{SectionName}:{nameof(MaxDays)} must be between 1 and 366 (is {MaxDays})."
        : null;
}
