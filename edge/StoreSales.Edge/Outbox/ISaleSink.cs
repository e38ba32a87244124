using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>Where device adapters put a completed sale. Returns only once the sale is durable locally.</summary>
public interface ISaleSink
{
    /// <summary>Stores <paramref name="sale"/> and returns the per-terminal sequence assigned to it.</summary>
    long Append(SaleRecord sale);
}
