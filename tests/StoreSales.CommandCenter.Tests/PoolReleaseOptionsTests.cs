using StoreSales.CommandCenter.Pool;

namespace StoreSales.CommandCenter.Tests;

/// <summary>The release schedule's interval is checked at start: a zero interval would spin, a negative one throw late.</summary>
public sealed class PoolReleaseOptionsTests
{
    [Theory]
    [InlineData("01:00:00", true)]   // the default
    [InlineData("00:00:01", true)]
    [InlineData("00:00:00.5", false)]
    [InlineData("00:00:00", false)]
    [InlineData("-00:01:00", false)]
    public void The_interval_is_at_least_a_second(string interval, bool usable)
    {
        var problem = new PoolReleaseOptions { Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) }.Validate();

        Assert.Equal(usable, problem is null);
        if (!usable)
        {
            Assert.Contains("SalesForce:PoolRelease:Interval", problem);
        }
    }

    [Fact]
    public void The_default_is_one_hour() => Assert.Equal(TimeSpan.FromHours(1), new PoolReleaseOptions().Interval);
}
