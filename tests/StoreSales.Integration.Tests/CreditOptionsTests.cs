using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.Credit;
using StoreSales.Domain.Credit;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>Credit hold's settings (<c>Credit</c>, <c>Orders</c>) as both hosts bind them: stated defaults, refused values, misspelt keys.</summary>
public sealed class CreditOptionsTests
{
    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        using var services = Services(new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build());

        Assert.Equal(new CreditOptions(), services.GetRequiredService<IOptions<CreditOptions>>().Value);
        Assert.Equal(new OrderOptions(), services.GetRequiredService<IOptions<OrderOptions>>().Value);
    }

    [Theory]
    [InlineData("Credit:OverdueGraceDays", "-1", "Credit:OverdueGraceDays must be between 0 and 365")]
    [InlineData("Credit:Currency", "yuan", "Credit:Currency must be an ISO 4217 code")]
    [InlineData("Orders:ReleaseApproverRole", "cashier", "Orders:ReleaseApproverRole must be one of")]
    [InlineData("Orders:MaxLines", "0", "Orders:MaxLines must be between 1 and 10000")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());

        var failure = Assert.Throws<OptionsValidationException>(() => key.StartsWith("Credit", StringComparison.Ordinal)
            ? (object)services.GetRequiredService<IOptions<CreditOptions>>().Value
            : services.GetRequiredService<IOptions<OrderOptions>>().Value);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_an_error_not_a_silent_default()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Credit:OverdueGraceDay"] = "3" }).Build());

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<CreditOptions>>().Value);
    }

    private static ServiceProvider Services(IConfiguration configuration) =>
        new ServiceCollection().AddSingleton(configuration).AddCreditData().BuildServiceProvider();
}
