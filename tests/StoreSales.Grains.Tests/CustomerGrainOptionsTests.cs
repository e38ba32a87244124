using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Data;
using StoreSales.Grains.Customers;
using StoreSales.Testing;

namespace StoreSales.Grains.Tests;

/// <summary>The customer grains' and the dormancy sweep's settings: documented defaults, checked at start, misspellings refused.</summary>
public sealed class CustomerGrainOptionsTests
{
    [Fact]
    public void The_silos_appsettings_state_the_defaults()
    {
        using var services = Services(new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "src/StoreSales.Silo/appsettings.json")).Build());

        Assert.Equal(new CustomerGrainOptions(), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CustomerGrainOptions>>().Value);
        Assert.Equal(new DormancySweepOptions(), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DormancySweepOptions>>().Value);
        Assert.Equal((TimeSpan.FromMinutes(1), 20), (new CustomerGrainOptions().GoldenHoursCheckPeriod, new CustomerGrainOptions().RecentPurchases));
        Assert.Equal((TimeSpan.FromHours(1), 16), (new DormancySweepOptions().Period, new DormancySweepOptions().Concurrency));
    }

    [Theory]
    [InlineData("SalesForce:CustomerGrain:GoldenHoursCheckPeriod", "00:00:00.500", "GoldenHoursCheckPeriod must be between 1 second and 1 hour")]
    [InlineData("SalesForce:CustomerGrain:GoldenHoursCheckPeriod", "2.00:00:00", "GoldenHoursCheckPeriod must be between 1 second and 1 hour")]
    [InlineData("SalesForce:CustomerGrain:RecentPurchases", "0", "RecentPurchases must be between 1 and 200")]
    [InlineData("SalesForce:DormancySweep:Period", "00:00:00", "Period must be between 1 second and 1 day")]
    [InlineData("SalesForce:DormancySweep:Concurrency", "0", "Concurrency must be between 1 and 256")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Resolve(services, key));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SalesForce:DormancySweep:Perod"] = "00:10:00" }).Build());

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DormancySweepOptions>>().Value);
        Assert.Contains("Perod", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddValidatedOptions<CustomerGrainOptions>(CustomerGrainOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<DormancySweepOptions>(DormancySweepOptions.SectionName, o => o.Validate());
        return services.BuildServiceProvider();
    }

    private static object Resolve(IServiceProvider services, string key) =>
        key.StartsWith(CustomerGrainOptions.SectionName, StringComparison.Ordinal)
            ? services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CustomerGrainOptions>>().Value
            : services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DormancySweepOptions>>().Value;
}
