namespace StoreSales.Domain.HotItems;

/// <summary>An item's sales velocity over the sliding window.</summary>
public sealed record ItemVelocity(string ItemCode, decimal Units, decimal UnitsPerHour);
