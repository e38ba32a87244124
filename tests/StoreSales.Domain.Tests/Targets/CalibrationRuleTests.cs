using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>双轨校准: what a correction needs to be kept, and when a calibrated split may be applied.</summary>
public sealed class CalibrationRuleTests
{
    [Theory]
    [InlineData(null, "staffing", null, "amount")]
    [InlineData("-1", "staffing", null, "amount")]
    [InlineData("10.005", "staffing", null, "amount")]
    [InlineData("100", "", null, "reasons")]
    [InlineData("100", "weather", null, "reasons")]
    [InlineData("100", "other", null, "note")]
    [InlineData("100", "staffing,other", " ", "note")]
    public void A_correction_is_refused_naming_its_field(string? amount, string reasons, string? note, string field)
    {
        var problem = CalibrationRule.CheckCorrection(Amount(amount), Reasons(reasons), note);

        Assert.Equal(field, problem?.Field);
    }

    [Theory]
    [InlineData("0", "refit-closure-days", null)]
    [InlineData("1234.5", "staffing,new-customer-penetration,competitor-nearby", null)]
    [InlineData("99", "other", "mall entrance rebuilt")]
    public void A_correction_with_an_amount_and_a_reason_is_kept(string amount, string reasons, string? note) =>
        Assert.Null(CalibrationRule.CheckCorrection(Amount(amount), Reasons(reasons), note));

    [Theory]
    [InlineData("1000.00", "400,600", "0")]
    [InlineData("1000.00", "400,600.01", "0.01")]
    [InlineData("1000.00", "300,600", "-100")]
    public void The_difference_of_the_split_from_the_regions_target(string region, string finals, string difference) =>
        Assert.Equal(Amount(difference), CalibrationRule.Difference(Amount(region)!.Value, Reasons(finals).Select(s => Amount(s)!.Value)));

    [Theory]
    [InlineData("0", true)]
    [InlineData("1000000.10", true)]
    [InlineData("-0.01", false)]
    [InlineData("1.999", false)]
    public void A_regions_target_is_zero_or_more_in_whole_cents(string amount, bool valid) =>
        Assert.Equal(valid, CalibrationRule.CheckRegionAmount(Amount(amount)!.Value) is null);

    private static decimal? Amount(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Reasons(string list) => list.Length == 0 ? [] : list.Split(',');
}
