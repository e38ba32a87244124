namespace StoreSales.Domain.Alerts;

/// <summary>
/// Who an alert's subject concerns, from which its route picks the assignee: the region (its field supervisor), the
/// store or sales team (its manager) and the rep. A store's alerts know only the region.
/// </summary>
public sealed record AlertRecipients(string RegionId, string? StoreId = null, string? RepId = null);
