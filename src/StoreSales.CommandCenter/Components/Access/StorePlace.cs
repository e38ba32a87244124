using StoreSales.Abstractions.Chain;

namespace StoreSales.CommandCenter.Components.Access;

/// <summary>The store a page shows, with its region's name, as <see cref="StoreGate"/> hands it to what it guards.</summary>
public sealed record StorePlace(StoreProfile Store, string RegionName);
