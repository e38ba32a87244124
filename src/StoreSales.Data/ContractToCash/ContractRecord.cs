using StoreSales.Domain.ContractToCash;

namespace StoreSales.Data.ContractToCash;

/// <summary>An instalment of a contract's plan with what its payments settle of it and whether it is overdue enough to alert.</summary>
public sealed record InstalmentRecord(
    int Seq, decimal Percent, InstalmentAnchor Anchor, int Days, DateOnly? DueOn, decimal Net, decimal Tax, decimal Gross, decimal Paid, bool Overdue, DateTimeOffset? AlertRaisedAt);

/// <summary>One document of contract to cash as kept: its kind (shipment, sign-off, invoice, payment), number, amount and dates.</summary>
public sealed record ContractDocumentRecord(
    string Kind, string DocumentNo, string CustomerId, string? ContractId, decimal Amount, DateOnly? On, DateOnly? DueOn, DateTimeOffset? PaidAt,
    string? Purpose, string? ShipmentNo, string? AppliedTo)
{
    /// <summary>The contract line the document is for, or null: the contract as a whole.</summary>
    public int? LineNo { get; init; }
}

/// <summary>A line of a contract as kept: item, quantity at unit price, its net and its share of tax and gross.</summary>
public sealed record ContractLineRecord(int LineNo, string Item, string? Description, decimal Quantity, decimal UnitPrice, decimal Net, decimal Tax, decimal Gross);

/// <summary>A contract as kept, with its plan and every document linked to it.</summary>
public sealed record ContractRecord(
    string ContractId,
    string CustomerId,
    string CustomerName,
    string OwnerRepId,
    string DepartmentId,
    string? OwnerStoreId,
    string? OpportunityId,
    string Title,
    string Currency,
    decimal Net,
    decimal TaxRate,
    decimal Tax,
    decimal Gross,
    string PaymentTerms,
    DateOnly SignedOn,
    DateOnly? FirstShippedOn,
    IReadOnlyList<InstalmentRecord> Instalments,
    IReadOnlyList<ContractDocumentRecord> Documents)
{
    /// <summary>The contract's lines (none: the contract is one line of its own on the board).</summary>
    public IReadOnlyList<ContractLineRecord> Lines { get; init; } = [];
}
