using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Domain.Tests.Targets;

public sealed class TargetQualityTests
{
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly DateOnly November = new(2026, 11, 1);

    [Fact]
    public void Each_region_month_is_the_mean_absolute_deviation_of_actuals_from_targets()
    {
        var quality = TargetQuality.ByRegion(
        [
            // East in October: +30 % and −20 % → ±25 %; in November: +5 % and −3 % → ±4 %.
            new("region-east", "s1", October, 100_000m, 130_000m),
            new("region-east", "s2", October, 200_000m, 160_000m),
            new("region-east", "s1", November, 100_000m, 105_000m),
            new("region-east", "s2", November, 200_000m, 194_000m),
            // A store without a target says nothing about targets.
            new("region-east", "s3", November, 0m, 50_000m),
            new("region-north", "s4", November, 50_000m, 50_000m),
        ]);

        Assert.Equal([new RegionQualityPoint(October, 2, 0.25m), new RegionQualityPoint(November, 2, 0.04m)], quality["region-east"]);
        Assert.Equal([new RegionQualityPoint(November, 1, 0m)], quality["region-north"]);
    }
}
