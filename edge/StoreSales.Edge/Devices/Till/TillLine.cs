using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Devices.Till;

/// <summary>One parsed line of the till line protocol (see the project README).</summary>
public abstract record TillLine;

/// <summary><c>S|kind|receiptNo|time|cashierId|memberId|repId</c> or <c>{"type":"start",…}</c>: a sale starts.</summary>
public sealed record TillSaleStart(
    string Kind,
    string? ReceiptNumber,
    DateTimeOffset RungUpAt,
    string? CashierId,
    string? MemberId,
    string? RepId) : TillLine;

/// <summary><c>L|itemCode|quantity|unitPrice|discount|amount</c> or <c>{"type":"line",…}</c>: a line of the open sale.</summary>
public sealed record TillSaleLine(
    string ItemCode,
    decimal Quantity,
    decimal UnitPrice,
    decimal Discount,
    decimal Amount) : TillLine;

/// <summary><c>T|total|method:amount[,method:amount…]</c> or <c>{"type":"total",…}</c>: the open sale ends.</summary>
public sealed record TillSaleTotal(decimal Total, IReadOnlyList<TenderRecord> Tenders) : TillLine;

/// <summary>
/// <c>Z|zNumber|businessDay|time|count|gross|returns|voids|method:amount[,…]</c> or <c>{"type":"z",…}</c>: the till's
/// day-end report (日结) for its business day, outside any sale.
/// </summary>
public sealed record TillZReport(
    string? ZNumber,
    DateOnly BusinessDay,
    DateTimeOffset ClosedAt,
    int Count,
    decimal Gross,
    decimal Returns,
    int Voids,
    IReadOnlyList<TenderRecord> Tenders) : TillLine;
