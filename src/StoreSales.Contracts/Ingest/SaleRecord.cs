namespace StoreSales.Contracts.Ingest;

/// <summary>
/// One sale as rung up at a till. Returns and voids are sales with negative effect
/// (<see cref="Kind"/>), linked to the original by <see cref="OriginalSequence"/> when known.
/// </summary>
public sealed record SaleRecord
{
    /// <summary>Terminal id, unique within the store (e.g. <c>T01</c>).</summary>
    public string TerminalId { get; init; } = "";

    /// <summary>Per-terminal sequence number assigned by the edge agent; never reused, survives restarts.</summary>
    public long Sequence { get; init; }

    /// <summary>sale | return | void.</summary>
    public string Kind { get; init; } = SaleKinds.Sale;

    /// <summary>Receipt number printed by the till, when it has one.</summary>
    public string? ReceiptNumber { get; init; }

    /// <summary>When the till says the sale happened (its own clock).</summary>
    public DateTimeOffset RungUpAt { get; init; }

    /// <summary>When the edge agent captured it (the agent's clock), to measure skew against the server.</summary>
    public DateTimeOffset CapturedAt { get; init; }

    public string? CashierId { get; init; }
    public string? MemberId { get; init; }
    public string? RepId { get; init; }

    /// <summary>Sum of line amounts, signed (negative for returns).</summary>
    public decimal Total { get; init; }

    public long? OriginalSequence { get; init; }

    public IReadOnlyList<SaleLineRecord> Lines { get; init; } = [];
    public IReadOnlyList<TenderRecord> Tenders { get; init; } = [];
}

public sealed record SaleLineRecord
{
    public int LineNumber { get; init; }

    /// <summary>GTIN (8/12/13/14 digits) or an internal SKU.</summary>
    public string ItemCode { get; init; } = "";

    /// <summary>Units, or kilograms for weighed items.</summary>
    public decimal Quantity { get; init; }

    public decimal UnitPrice { get; init; }
    public decimal Discount { get; init; }

    /// <summary>Quantity × unit price − discount, as the till computed it.</summary>
    public decimal Amount { get; init; }
}

public sealed record TenderRecord
{
    /// <summary>cash | card | wechat | alipay | voucher | other.</summary>
    public string Method { get; init; } = "";

    public decimal Amount { get; init; }
}

public static class SaleKinds
{
    public const string Sale = "sale";
    public const string Return = "return";
    public const string Void = "void";

    public static bool IsKnown(string kind) => kind is Sale or Return or Void;
}
