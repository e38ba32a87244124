using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Approvals;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests.Approvals;

/// <summary>The approvals' settings (<c>Approvals</c>) as both hosts bind them: defaults stated, one kind's SLA changed alone, mistakes refused in words.</summary>
public sealed class ApprovalOptionsBindingTests
{
    [Theory]
    [InlineData("src/StoreSales.Silo/appsettings.json")]
    [InlineData("src/StoreSales.CommandCenter/appsettings.json")]
    public void Each_host_s_appsettings_state_the_defaults(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, file)).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddApprovalData().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ApprovalOptions>>().Value;
        var defaults = new ApprovalOptions();
        Assert.Equal(defaults.Sla.OrderBy(s => s.Key, StringComparer.Ordinal), options.Sla.OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromHours(4), options.Sla[ApprovalKinds.OrderRelease]);
        Assert.Equal((defaults.OverdueCheckEvery, defaults.OverdueBatch, defaults.InboxLimit), (options.OverdueCheckEvery, options.OverdueBatch, options.InboxLimit));
    }

    [Fact]
    public void One_kinds_sla_is_changed_and_the_others_keep_their_defaults()
    {
        using var services = Services(new() { ["Approvals:Sla:quote"] = "2.00:00:00" });

        var options = services.GetRequiredService<IOptions<ApprovalOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(2), options.Sla[ApprovalKinds.Quote]);
        Assert.Equal(TimeSpan.FromDays(1), options.Sla[ApprovalKinds.ContractEntry]);
        Assert.Equal(TimeSpan.FromHours(4), options.Sla[ApprovalKinds.OrderRelease]);
    }

    [Theory]
    [InlineData("Approvals:Sla:quote", "48:00:00", "48:00:00 is 48 days")]
    [InlineData("Approvals:Sla:loan", "1.00:00:00", "Sla:loan is not an approval kind")]
    [InlineData("Approvals:InboxLimit", "0", "InboxLimit must be between 1 and 1000")]
    public void An_unusable_value_stops_the_start_with_the_rule_it_breaks(string key, string value, string message)
    {
        using var services = Services(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ApprovalOptions>>().Value);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        using var services = Services(new() { ["Approvals:InboxLimt"] = "50" });

        var failure = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<ApprovalOptions>>().Value);
        Assert.Contains("InboxLimt", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddApprovalData()
            .BuildServiceProvider();
}
