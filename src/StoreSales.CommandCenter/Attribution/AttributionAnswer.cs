using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>The attribution report as the API answers it: the regions the caller sees whole, and the stores it sees.</summary>
public sealed record AttributionAnswer(string Month, DateTimeOffset GeneratedAt, AttributionRegionLine[] Regions, AttributionStoreLine[] Stores)
{
    public static AttributionAnswer Of(AttributionReportView report) => new(
        report.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        report.GeneratedAt,
        [.. report.Regions.Select(r => new AttributionRegionLine(
            r.Attribution.RegionId, r.RegionName, r.Attribution.Stores, r.Attribution.Target, r.Attribution.Actual, r.Attribution.Gap,
            r.Attribution.Shortfall, r.Attribution.Objective, r.Attribution.Management, r.Attribution.Unexplained))],
        [.. report.Stores.Select(s => new AttributionStoreLine(
            s.StoreId, s.StoreName, s.RegionId, s.Attribution.Target, s.Attribution.Actual, s.Attribution.Gap,
            s.Attribution.Objective, s.Attribution.Management, s.Attribution.Unexplained, [.. s.Attribution.Causes]))]);
}

/// <summary>A region's month: net gap (target − actual), and its missing stores' shortfall split.</summary>
public sealed record AttributionRegionLine(
    string RegionId, string Name, int Stores, decimal Target, decimal Actual, decimal Gap, decimal Shortfall, decimal Objective, decimal Management, decimal Unexplained);

/// <summary>A store's month and the causes of its gap, each with its hours, estimated cost and the part of the gap it explains.</summary>
public sealed record AttributionStoreLine(
    string StoreId, string Name, string RegionId, decimal Target, decimal Actual, decimal Gap, decimal Objective, decimal Management, decimal Unexplained, GapCause[] Causes);
