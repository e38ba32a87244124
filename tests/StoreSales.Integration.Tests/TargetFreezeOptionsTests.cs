using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.Targets;
using StoreSales.Domain.Targets;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>Targets:Freeze is bound and checked at start in both hosts (AddStoreSalesData → AddTargetData), each failure in words.</summary>
public sealed class TargetFreezeOptionsTests
{
    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTargetData().BuildServiceProvider();

        Assert.Equal(new TargetFreezeOptions(), services.GetRequiredService<IOptions<TargetFreezeOptions>>().Value);
    }

    [Theory]
    [InlineData("Targets:Freeze:FreezeDay", "31", "FreezeDay must be between 1 and 28")]
    [InlineData("Targets:Freeze:ApproverRole", "", "ApproverRole must name a role")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TargetFreezeOptions>>().Value);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new() { ["Targets:Freeze:FreezDay"] = "20" });

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<TargetFreezeOptions>>().Value);
        Assert.Contains("FreezDay", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddTargetData()
            .BuildServiceProvider();
}
