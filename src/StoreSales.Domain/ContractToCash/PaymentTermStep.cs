namespace StoreSales.Domain.ContractToCash;

/// <summary>What an instalment's due date counts from: the contract's signing, or the contract's first shipment.</summary>
public enum InstalmentAnchor
{
    Signing = 0,
    Shipment = 1,
}

/// <summary>
/// One step of a payment term (<c>ContractToCash:PaymentTerms:{name}:{i}</c>): this percent of the contract, due this
/// many days after the anchor (signing or first shipment).
/// </summary>
public sealed class PaymentTermStep
{
    public decimal Percent { get; set; }

    public InstalmentAnchor Anchor { get; set; } = InstalmentAnchor.Signing;

    public int Days { get; set; }
}
