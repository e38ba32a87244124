using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.Customers.Import;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>The import's settings are checked at start, each failure in words; the command center states the defaults.</summary>
public sealed class CustomerImportOptionsTests
{
    [Fact]
    public void The_command_center_s_appsettings_state_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "src/StoreSales.CommandCenter/appsettings.json")).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCustomerImport().BuildServiceProvider();

        Assert.Equal(new CustomerImportOptions(), services.GetRequiredService<IOptions<CustomerImportOptions>>().Value);
    }

    [Theory]
    [InlineData("ChunkSize", "0", "ChunkSize must be between 1 and 50000")]
    [InlineData("PollInterval", "00:00:00", "PollInterval must be at least 100 ms")]
    [InlineData("MaxRows", "0", "MaxRows must be at least 1")]
    [InlineData("MaxFileBytes", "10", "MaxFileBytes must be at least 1024")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new() { [$"{CustomerImportOptions.SectionName}:{key}"] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CustomerImportOptions>>().Value);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new() { [$"{CustomerImportOptions.SectionName}:ChunkSise"] = "500" });

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<CustomerImportOptions>>().Value);
        Assert.Contains("ChunkSise", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddCustomerImport()
            .BuildServiceProvider();
}
