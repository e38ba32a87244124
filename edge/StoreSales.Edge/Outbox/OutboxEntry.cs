using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>A sale waiting in the outbox.</summary>
public sealed record OutboxEntry(SaleRecord Sale, DateTimeOffset EnqueuedAt)
{
    public SaleKey Key => new(Sale.TerminalId, Sale.Sequence);
}

/// <summary>A sale the server refused, kept with the server's reason.</summary>
public sealed record RejectedSale(SaleRecord Sale, DateTimeOffset EnqueuedAt, DateTimeOffset RejectedAt, string Reason)
{
    public SaleKey Key => new(Sale.TerminalId, Sale.Sequence);
}
