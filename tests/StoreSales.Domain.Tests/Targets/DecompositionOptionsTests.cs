using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Domain.Tests.Targets;

public sealed class DecompositionOptionsTests
{
    [Fact]
    public void The_documented_defaults_are_valid() => Assert.Null(new DecompositionOptions().Validate());

    [Theory]
    [InlineData(0, 0.5, "TrendWeeks")]
    [InlineData(8, 1.5, "TrendCap")]
    public void A_setting_out_of_range_is_named(int weeks, double trendCap, string key) =>
        Assert.Contains($"Targets:Decomposition:{key}", new DecompositionOptions { TrendWeeks = weeks, TrendCap = (decimal)trendCap }.Validate());
}
