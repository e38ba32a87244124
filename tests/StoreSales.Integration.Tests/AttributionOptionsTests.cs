using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets.Attribution;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>Targets:Attribution is bound and checked at start for both hosts, each failure in words.</summary>
public sealed class AttributionOptionsTests
{
    [Fact]
    public void Configured_values_bind_including_the_time_of_day()
    {
        using var services = Services(new() { ["Targets:Attribution:GenerateOnDay"] = "3", ["Targets:Attribution:GenerateAt"] = "04:30" });

        var options = services.GetRequiredService<IOptions<AttributionOptions>>().Value;

        Assert.Equal((3, new TimeOnly(4, 30)), (options.GenerateOnDay, options.GenerateAt));
    }

    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAttributionData().BuildServiceProvider();

        Assert.Equal(new AttributionOptions(), services.GetRequiredService<IOptions<AttributionOptions>>().Value);
    }

    [Fact]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks()
    {
        using var services = Services(new() { ["Targets:Attribution:GenerateOnDay"] = "10" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AttributionOptions>>().Value);
        Assert.Contains("GenerateOnDay must be between 1 and 5", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new() { ["Targets:Attribution:ProfileWeek"] = "4" });

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<AttributionOptions>>().Value);
        Assert.Contains("ProfileWeek", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddAttributionData()
            .BuildServiceProvider();
}
