namespace StoreSales.Domain.Targets.Decomposition;

/// <summary>The reasons a regional manager ticks when correcting a store's proposed share (双轨校准).</summary>
public static class CalibrationReasons
{
    public const string Staffing = "staffing";
    public const string NewCustomerPenetration = "new-customer-penetration";
    public const string CompetitorNearby = "competitor-nearby";
    public const string RefitClosureDays = "refit-closure-days";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Staffing, NewCustomerPenetration, CompetitorNearby, RefitClosureDays, Other];
}
