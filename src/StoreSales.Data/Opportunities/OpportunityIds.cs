namespace StoreSales.Data.Opportunities;

/// <summary>New opportunity ids: <c>opp-</c> and a version 7 GUID (never purely numeric: the grain is keyed by it; time-ordered inserts).</summary>
public static class OpportunityIds
{
    public const string Prefix = "opp-";

    public static string New() => Prefix + Guid.CreateVersion7().ToString("N");
}
