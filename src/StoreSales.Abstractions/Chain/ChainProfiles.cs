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

/// <summary>
/// A sales rep's master data as the rep grain needs it: the store (team) the rep belongs to, whose manager leads the
/// rep and whose pace the rep's targets follow; whether the rep is still active (a departed rep raises no alerts).
/// </summary>
public sealed record RepProfile(
    string RepId,
    string Name,
    string StoreId,
    string DepartmentId,
    string Level,
    bool Active,
    DateTimeOffset? DepartedAt);
