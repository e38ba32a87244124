using StoreSales.Domain.Pacing;

namespace StoreSales.Abstractions.Chain;

/// <summary>A store's master data as the live grains need it.</summary>
public sealed record StoreProfile(
    string StoreId,
    string Name,
    string RegionId,
    string TimeZone,
    OpeningHours Hours,
    double? Latitude,
    double? Longitude);

public sealed record RegionProfile(string RegionId, string Name);
