namespace StoreSales.Domain.Barcodes;

/// <summary>What the number embedded in a variable-measure EAN-13 is.</summary>
public enum EmbeddedValueKind
{
    /// <summary>The price to pay for the item, in the rule's currency.</summary>
    Price,

    /// <summary>The net weight in kilograms.</summary>
    WeightKg,
}
