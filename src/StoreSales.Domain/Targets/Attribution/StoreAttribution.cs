namespace StoreSales.Domain.Targets.Attribution;

/// <summary>
/// One store's month in the attribution report: target, actual, gap (target − actual; negative when the target was
/// beaten) and the gap split into objective causes, management gaps and what nothing explains.
/// </summary>
public sealed record StoreAttribution(
    string StoreId,
    string RegionId,
    decimal Target,
    decimal Actual,
    IReadOnlyList<GapCause> Causes)
{
    public decimal Gap => Target - Actual;

    public decimal Objective => Causes.Where(c => c.Side == CauseSide.Objective).Sum(c => c.Explained);

    public decimal Management => Causes.Where(c => c.Side == CauseSide.Management).Sum(c => c.Explained);

    /// <summary>The part of a missed target no recorded cause explains; 0 when the target was met.</summary>
    public decimal Unexplained => Math.Max(0m, Gap) - Objective - Management;
}
