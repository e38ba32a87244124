using StoreSales.Domain.Demo;

namespace StoreSales.Domain.Tests.Demo;

public sealed class DemoRepShareTests
{
    private static readonly DemoStoreProfile Store =
        DemoStoreProfile.Create("store-test", "Asia/Shanghai", "08:00", "22:00", 1_000_000m, 1m, [new("rep-a", 0.12m), new("rep-b", 0.10m), new("rep-c", 0.08m)]);

    [Theory]
    [InlineData(0.0, "rep-a")]
    [InlineData(0.1199, "rep-a")]
    [InlineData(0.12, "rep-b")]
    [InlineData(0.2199, "rep-b")]
    [InlineData(0.22, "rep-c")]
    [InlineData(0.2999, "rep-c")]
    [InlineData(0.30, null)]
    [InlineData(0.9999, null)]
    public void A_draw_credits_the_rep_whose_share_it_falls_in(double draw, string? rep) => Assert.Equal(rep, Store.RepFor(draw));

    [Fact]
    public void A_store_without_reps_credits_nobody() =>
        Assert.Null(DemoStoreProfile.Create("store-test", "Asia/Shanghai", "08:00", "22:00", 1_000_000m, 1m).RepFor(0.0));

    [Fact]
    public void A_rep_with_no_share_sells_off_the_till_and_is_never_credited()
    {
        var store = DemoStoreProfile.Create("store-test", "Asia/Shanghai", "08:00", "22:00", 1_000_000m, 1m, [new("rep-b2b", 0m), new("rep-a", 0.5m)]);

        Assert.Equal("rep-a", store.RepFor(0.0));
        Assert.Equal("rep-a", store.RepFor(0.49));
        Assert.Null(store.RepFor(0.5));
    }

    [Theory]
    [InlineData(0.6, 0.5)]
    [InlineData(0.2, -0.1)]
    public void Shares_over_the_whole_or_negative_are_refused(double first, double second) =>
        Assert.Throws<InvalidDataException>(() => DemoStoreProfile.Create(
            "store-test", "Asia/Shanghai", "08:00", "22:00", 1_000_000m, 1m, [new("rep-a", (decimal)first), new("rep-b", (decimal)second)]));
}
