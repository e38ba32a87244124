using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

public sealed class ScanDecoderOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_switch_no_variable_measure_layout_on()
    {
        var options = new ScanDecoderOptions();

        Assert.Null(options.Validate());
        Assert.Empty(options.EffectiveRules());
    }

    [Fact]
    public void Configured_rules_come_before_named_presets()
    {
        var options = new ScanDecoderOptions
        {
            VariableMeasureRules = [new VariableMeasureRule { Name = "mine", Prefixes = ["20"] }],
            VariableMeasurePresets = [VariableMeasurePresets.Weight5, VariableMeasurePresets.Price5],
        };

        Assert.Equal(["mine", "weight-5", "price-5"], options.EffectiveRules().Select(r => r.Name));
    }

    [Fact]
    public void An_unknown_preset_name_is_reported()
    {
        var options = new ScanDecoderOptions { VariableMeasurePresets = ["price-6"] };

        Assert.Contains("unknown preset \"price-6\"", options.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inconsistent_rule_is_reported_with_the_section_name()
    {
        var options = new ScanDecoderOptions { VariableMeasureRules = [new VariableMeasureRule { Name = "empty" }] };

        Assert.StartsWith("Barcodes:Scan:VariableMeasureRules: Variable-measure rule empty: Prefixes", options.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Presets_are_fresh_copies_so_a_caller_cannot_change_them_for_everyone()
    {
        var first = VariableMeasurePresets.Create(VariableMeasurePresets.Price5)!;
        first.Prefixes.Clear();

        Assert.NotEmpty(VariableMeasurePresets.Create(VariableMeasurePresets.Price5)!.Prefixes);
    }
}
