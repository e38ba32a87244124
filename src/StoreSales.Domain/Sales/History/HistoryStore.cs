namespace StoreSales.Domain.Sales.History;

/// <summary>What a history row needs of its store: its time zone, and its local date today (that day and later belong to the live path).</summary>
public sealed record HistoryStore(TimeZoneInfo Zone, DateOnly Today);
