namespace StoreSales.Domain.HotItems;

/// <summary>
/// The hot-item rule's settings (热销单品). Bound from configuration section <c>HotItems</c>; the same values serve
/// the store board (store grain) and the HQ heatmap, so a store and HQ never disagree on what is hot.
/// </summary>
public sealed record HotItemOptions
{
    public const string SectionName = "HotItems";

    /// <summary>
    /// Pseudo-units added to both the units sold and the usual units of a window before dividing (additive
    /// smoothing). An item with no history that sells n units gets lift (n + prior) / prior instead of infinity,
    /// and a few units more or less on a small base do not swing the lift wildly. Default 2 units.
    /// </summary>
    public decimal PriorUnits { get; init; } = 2m;

    /// <summary>An item needs at least this many units in the window before it can be called hot. Default 3.</summary>
    public decimal MinimumUnits { get; init; } = 3m;

    /// <summary>Lift at or above which an item with enough units is hot. Default 1.5 (half again its usual pace).</summary>
    public decimal HotLift { get; init; } = 1.5m;

    /// <summary>
    /// Weeks of history the usual velocity learns from: the same weekday and time of day in each of the previous
    /// weeks. Default 4.
    /// </summary>
    public int UsualWeeks { get; init; } = 4;

    /// <summary>
    /// Per store, the terminals whose hot items move at the scan instead of at the sale (<see cref="HotItemSource"/>):
    /// <c>HotItems:ScanSourcedTerminals:store-sh001:0 = T01</c>. A store not listed counts its sales only. Default none.
    /// </summary>
    public Dictionary<string, string[]> ScanSourcedTerminals { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The hot-item source rule of <paramref name="storeId"/>.</summary>
    public HotItemSource SourceFor(string storeId) => new(ScanSourcedTerminals.GetValueOrDefault(storeId));

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (PriorUnits <= 0)
        {
            return $"{SectionName}:{nameof(PriorUnits)} must be greater than 0, or an item without history has an infinite lift (is {PriorUnits}).";
        }

        if (MinimumUnits < 0)
        {
            return $"{SectionName}:{nameof(MinimumUnits)} must not be negative (is {MinimumUnits}).";
        }

        if (HotLift <= 0)
        {
            return $"{SectionName}:{nameof(HotLift)} must be greater than 0 (is {HotLift}).";
        }

        foreach (var (store, terminals) in ScanSourcedTerminals)
        {
            if (terminals.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
            {
                return $"{SectionName}:{nameof(ScanSourcedTerminals)}:{store} lists an empty terminal id.";
            }
        }

        return UsualWeeks is < 1 or > 52
            ? $"{SectionName}:{nameof(UsualWeeks)} must be between 1 and 52 (is {UsualWeeks})."
            : null;
    }
}
