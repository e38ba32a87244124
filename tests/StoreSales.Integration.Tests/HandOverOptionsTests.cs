using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.HandOvers;
using StoreSales.Domain.SalesForce.Reps;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>Offboarding's settings (<c>SalesForce:HandOver</c>) as both hosts bind them: defaults stated, durations read as written, bad values and misspelt keys refused in words.</summary>
public sealed class HandOverOptionsTests
{
    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddHandOverData().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<HandOverOptions>>().Value;
        Assert.Equal(new HandOverOptions(), options);
        Assert.Equal(TimeSpan.FromHours(72), options.DueWithin);
    }

    [Theory]
    [InlineData("SalesForce:HandOver:DueWithin", "00:00:00", "DueWithin must be longer than zero")]
    [InlineData("SalesForce:HandOver:MaxSuccessors", "0", "MaxSuccessors must be at least MinSuccessors")]
    [InlineData("SalesForce:HandOver:OverdueCheckEvery", "00:00:00.500", "OverdueCheckEvery must be at least one second")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HandOverOptions>>().Value);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new() { ["SalesForce:HandOver:DueWthin"] = "1.00:00:00" });

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<HandOverOptions>>().Value);
        Assert.Contains("DueWthin", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddHandOverData()
            .BuildServiceProvider();
}
