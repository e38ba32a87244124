using StoreSales.Domain.Barcodes;

namespace StoreSales.Domain.Tests.Barcodes;

/// <summary>The printed "(AI)value" form, typed in at the till or pasted from a label.</summary>
public sealed class Gs1HumanReadableTests
{
    [Fact]
    public void The_parenthesised_form_reads_like_the_transmitted_form()
    {
        var printed = Gs1ElementStrings.Parse("(01)09506000134352(17)201225(10)ABC123");
        var transmitted = Gs1ElementStrings.Parse("0109506000134352" + "17201225" + "10ABC123");

        Assert.True(printed.IsValid, printed.Error);
        Assert.Equal(transmitted.Elements, printed.Elements);
    }

    [Theory]
    [InlineData("(01)09521234543213(3103)000123", "3103", "000123")]
    [InlineData("(01) 09506000134352 (10) ABC123", "10", "ABC123")]     // spaces around fields as printed
    [InlineData("(10)A(B)C(21)123", "10", "A(B)C")]                    // "(" starts an AI only as "(NN..NNNN)"
    [InlineData("(99)XYZ(90)INT", "99", "XYZ")]
    public void Fields_are_split_at_the_next_ai(string printed, string ai, string value)
    {
        var result = Gs1ElementStrings.Parse(printed);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(value, result.Find(ai)!.Value);
    }

    [Theory]
    [InlineData("(01)0950600013435", "AI (01) GTIN at position 1: value has 13 characters, must have 14")]
    [InlineData("(01)09506000134352(23)ABC", "unknown AI (23) at position 19")]
    [InlineData("(10)ABCDEFGHIJKLMNOPQRSTU", "value has 21 characters, must have 1 to 20")]
    [InlineData("(17)201300", "invalid date 201300")]
    [InlineData("(01", "expected \"(AI)\" at position 1")]
    [InlineData("(01)09506000134353", "bad check digit")]
    public void Faults_are_reported_as_for_the_transmitted_form(string printed, string expected)
    {
        var result = Gs1ElementStrings.Parse(printed);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
