using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.ContractToCash;
using StoreSales.Domain.ContractToCash;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>Contract to cash's settings (<c>ContractToCash</c>) as both hosts bind them: stated defaults, configured terms, refused values, misspelt keys.</summary>
public sealed class ContractToCashOptionsTests
{
    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        using var services = Services(new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build());

        var bound = services.GetRequiredService<IOptions<ContractToCashOptions>>().Value;
        var defaults = new ContractToCashOptions();
        Assert.Equal(
            (defaults.DefaultPaymentTerms, defaults.TaxRate, defaults.OverdueAfterDays, defaults.MatchTolerance, defaults.OverdueCheckEvery, defaults.OverdueBatch, defaults.ImportMaxRows, defaults.ImportMaxFileBytes, defaults.LiveMonths),
            (bound.DefaultPaymentTerms, bound.TaxRate, bound.OverdueAfterDays, bound.MatchTolerance, bound.OverdueCheckEvery, bound.OverdueBatch, bound.ImportMaxRows, bound.ImportMaxFileBytes, bound.LiveMonths));
        Assert.Empty(bound.PaymentTerms);
    }

    [Fact]
    public void Configured_terms_bind_as_a_list_of_steps()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContractToCash:PaymentTerms:deposit-50-50:0:Percent"] = "50",
            ["ContractToCash:PaymentTerms:deposit-50-50:1:Percent"] = "50",
            ["ContractToCash:PaymentTerms:deposit-50-50:1:Anchor"] = "Shipment",
            ["ContractToCash:PaymentTerms:deposit-50-50:1:Days"] = "15",
        }).Build());

        var steps = services.GetRequiredService<IOptions<ContractToCashOptions>>().Value.TermsOf("deposit-50-50")!;

        Assert.Equal([(50m, InstalmentAnchor.Signing, 0), (50m, InstalmentAnchor.Shipment, 15)], steps.Select(s => (s.Percent, s.Anchor, s.Days)));
    }

    [Theory]
    [InlineData("ContractToCash:MatchTolerance", "-1", "ContractToCash:MatchTolerance must not be negative")]
    [InlineData("ContractToCash:OverdueAfterDays", "400", "ContractToCash:OverdueAfterDays must be between 0 and 365")]
    [InlineData("ContractToCash:DefaultPaymentTerms", "net45", "ContractToCash:DefaultPaymentTerms names no payment terms")]
    [InlineData("ContractToCash:PaymentTerms:half:0:Percent", "50", "must add up to 100")]
    [InlineData("ContractToCash:LiveMonths", "0", "ContractToCash:LiveMonths must be between 1 and 120")]
    [InlineData("ContractToCash:ImportMaxFileBytes", "100", "ContractToCash:ImportMaxFileBytes must be between 1024 and 1073741824")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ContractToCashOptions>>().Value);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_an_error_not_a_silent_default()
    {
        using var services = Services(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ContractToCash:MatchTolerence"] = "100" }).Build());

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<ContractToCashOptions>>().Value);
    }

    private static ServiceProvider Services(IConfiguration configuration) =>
        new ServiceCollection().AddSingleton(configuration).AddContractToCashData().BuildServiceProvider();
}
