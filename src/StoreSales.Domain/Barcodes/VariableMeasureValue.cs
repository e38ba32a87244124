namespace StoreSales.Domain.Barcodes;

/// <summary>What a variable-measure EAN-13 carries under a rule, or why it could not be read.</summary>
/// <param name="Rule">The name of the rule that was applied.</param>
/// <param name="ItemCode">The item code digits, as the chain's catalogue knows the fresh item.</param>
/// <param name="Price">The embedded price, when the rule says price.</param>
/// <param name="Currency">The rule's currency for <paramref name="Price"/>.</param>
/// <param name="WeightKg">The embedded net weight, when the rule says weight.</param>
/// <param name="Error">Why the code was rejected, or null.</param>
public sealed record VariableMeasureValue(string Rule, string? ItemCode, decimal? Price, string? Currency, decimal? WeightKg, string? Error)
{
    public bool IsValid => Error is null;
}
