namespace StoreSales.Domain.ContractToCash;

/// <summary>The documents of contract to cash after the contract itself, in the order they happen.</summary>
public enum ContractDocumentKind
{
    Shipment = 0,
    SignOff = 1,
    Invoice = 2,
    Payment = 3,
}

/// <summary>What a receivable was booked for: a sale, or a rebate settlement (返利结算) that should never have been one.</summary>
public static class ReceivablePurposes
{
    public const string Sale = "sale";
    public const string RebateSettlement = "rebate-settlement";

    public static readonly IReadOnlyList<string> All = [Sale, RebateSettlement];
}

/// <summary>
/// One document of a contract as checked, ready to keep. <see cref="On"/> is the shipment's, sign-off's or invoice's
/// date; an invoice has <see cref="DueOn"/> and <see cref="Purpose"/>, a payment <see cref="PaidAt"/> and perhaps
/// <see cref="AppliedTo"/>, a sign-off perhaps the <see cref="ShipmentNo"/> it signs for. Shipments and sign-offs always
/// name their contract; an invoice or payment may not (yet). <see cref="LineNo"/> names the contract line the document
/// is for; without one it matches at contract level.
/// </summary>
public sealed record ContractDocument(
    ContractDocumentKind Kind,
    string DocumentNo,
    string CustomerId,
    string? ContractId,
    decimal Amount,
    string Currency,
    DateOnly? On,
    DateOnly? DueOn,
    DateTimeOffset? PaidAt,
    string? AppliedTo,
    string? ShipmentNo,
    string Purpose)
{
    /// <summary>The contract line (1, 2, …) the document is for, or null: the contract as a whole.</summary>
    public int? LineNo { get; init; }
}

/// <summary>A contract as checked, ready to keep with its plan and its lines (none: the contract is one line of its own).</summary>
public sealed record ContractDraft(
    string ContractId,
    string CustomerId,
    string? OpportunityId,
    string Title,
    string Currency,
    ContractMoney Money,
    decimal TaxRate,
    string PaymentTerms,
    DateOnly SignedOn)
{
    /// <summary>The contract's lines, their nets adding up to its net (<see cref="ContractLines"/>); empty for a contract without lines.</summary>
    public IReadOnlyList<ContractLineDraft> Lines { get; init; } = [];
}
