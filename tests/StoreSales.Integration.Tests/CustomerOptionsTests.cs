using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.Customers;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Leads;
using StoreSales.Domain.SalesForce.Pool;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>The sales-force settings the customer stores decide by are checked at start, each failure in words.</summary>
public sealed class CustomerOptionsTests
{
    [Fact]
    public void The_defaults_and_configured_values_bind()
    {
        using var services = Services(new()
        {
            ["SalesForce:GoldenHours:FirstContactWithin"] = "1.12:00:00",
            ["SalesForce:GoldenHours:FirstContactKinds"] = "Call, Visit, Message",
        });

        Assert.Equal(TimeSpan.FromHours(36), services.GetRequiredService<IOptions<GoldenHoursOptions>>().Value.FirstContactWithin);
        Assert.Equal(InteractionKinds.Call | InteractionKinds.Visit | InteractionKinds.Message, services.GetRequiredService<IOptions<GoldenHoursOptions>>().Value.FirstContactKinds);
        Assert.Equal("CN", services.GetRequiredService<IOptions<CustomerIdentityOptions>>().Value.DefaultPhoneRegion);
        Assert.Equal("Asia/Shanghai", services.GetRequiredService<IOptions<ChainCalendarOptions>>().Value.Zone().Id);
    }

    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCustomerData().BuildServiceProvider();

        Assert.Equal(new GoldenHoursOptions(), services.GetRequiredService<IOptions<GoldenHoursOptions>>().Value);
        Assert.Equal(new CustomerIdentityOptions(), services.GetRequiredService<IOptions<CustomerIdentityOptions>>().Value);
        Assert.Equal(new ChainCalendarOptions(), services.GetRequiredService<IOptions<ChainCalendarOptions>>().Value);
        Assert.Equal(new DormancyOptions(), services.GetRequiredService<IOptions<DormancyOptions>>().Value);
        Assert.Equal(new PoolClaimOptions(), services.GetRequiredService<IOptions<PoolClaimOptions>>().Value);
    }

    [Theory]
    [InlineData("SalesForce:Calendar:TimeZone", "Asia/Shanghia", "SalesForce:Calendar:TimeZone must be a time zone id")]
    [InlineData("SalesForce:Customers:Identity:DefaultPhoneRegion", "China", "DefaultPhoneRegion must be a region code")]
    [InlineData("SalesForce:GoldenHours:FirstContactWithin", "-01:00:00", "FirstContactWithin must be longer than zero")]
    [InlineData("SalesForce:Dormancy:ReleaseToPoolAfterDays", "30", "ReleaseToPoolAfterDays must be greater than FollowUpAfterDays")]
    [InlineData("SalesForce:Pool:DailyClaimCap", "0", "SalesForce:Pool:DailyClaimCap must be at least 1")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(services, key));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new() { ["SalesForce:GoldenHours:FirstContactWithn"] = "1.00:00:00" });

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<GoldenHoursOptions>>().Value);
        Assert.Contains("FirstContactWithn", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddCustomerData()
            .BuildServiceProvider();

    private static object Resolve(IServiceProvider services, string key) => key switch
    {
        _ when key.StartsWith(ChainCalendarOptions.SectionName, StringComparison.Ordinal) => services.GetRequiredService<IOptions<ChainCalendarOptions>>().Value,
        _ when key.StartsWith(CustomerIdentityOptions.SectionName, StringComparison.Ordinal) => services.GetRequiredService<IOptions<CustomerIdentityOptions>>().Value,
        _ when key.StartsWith(DormancyOptions.SectionName, StringComparison.Ordinal) => services.GetRequiredService<IOptions<DormancyOptions>>().Value,
        _ when key.StartsWith(PoolClaimOptions.SectionName, StringComparison.Ordinal) => services.GetRequiredService<IOptions<PoolClaimOptions>>().Value,
        _ => services.GetRequiredService<IOptions<GoldenHoursOptions>>().Value,
    };
}
