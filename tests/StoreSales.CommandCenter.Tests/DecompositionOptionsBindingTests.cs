using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Targets;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.CommandCenter.Tests;

/// <summary><c>Targets:Decomposition</c> as the command center binds it: set keys are taken, a misspelt or out-of-range one is an error.</summary>
public sealed class DecompositionOptionsBindingTests
{
    [Fact]
    public void Set_keys_are_taken_and_the_rest_keep_their_documented_defaults()
    {
        var options = Bind(new() { ["Targets:Decomposition:TrendWeeks"] = "4", ["Targets:Decomposition:PromotionCap"] = "0.3" });

        Assert.Equal((4, 0.3m, 0.5m, 1.0m), (options.TrendWeeks, options.PromotionCap, options.TrendWeight, options.ClosureLoss));
    }

    [Fact]
    public void A_misspelt_key_is_an_error() =>
        Assert.Throws<InvalidOperationException>(() => Bind(new() { ["Targets:Decomposition:TrendWeek"] = "4" }));

    [Fact]
    public void An_out_of_range_setting_is_refused_naming_its_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Targets:Decomposition:TrendCap"] = "1.5" }));

        Assert.Contains("Targets:Decomposition:TrendCap", error.Message, StringComparison.Ordinal);
    }

    private static DecompositionOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddTargetDecomposition();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DecompositionOptions>>().Value;
    }
}
