namespace StoreSales.Data.HandOvers;

/// <summary>
/// A rep as offboarding needs them: their team (store and department), the store's region (whose field supervisor
/// hears of an overdue hand-over), and where they stand (their departure, if any).
/// </summary>
public sealed record DepartingRep(
    string RepId,
    string Name,
    string StoreId,
    string DepartmentId,
    string RegionId,
    bool Active,
    long? DepartureId,
    DateTimeOffset? DepartureStartedAt,
    DateTimeOffset? DepartureCompletedAt);
