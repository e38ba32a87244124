using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.Domain.Tests.SalesForce.Quotes;

/// <summary>What a version's lines and validity must be: each refusal names its field.</summary>
public sealed class QuoteLineRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly QuotesOptions Options = new() { VerificationKey = new string('k', 32) };

    private static QuoteLineInput Line(int quantity = 1, decimal discount = 0m, string item = "690001") => new(item, "Item", quantity, 100m, discount);

    public static TheoryData<QuoteLineInput[], int, string?> Cases => new()
    {
        { [Line()], 30, null },
        { [Line(discount: 99.99m)], 30, null },
        { [], 30, "lines" },
        { [Line(quantity: 0)], 30, "lines[0].quantity" },
        { [Line(), Line(discount: 100m, item: "690002")], 30, "lines[1].discountPercent" },
        { [Line(discount: -1m)], 30, "lines[0].discountPercent" },
        { [Line(discount: 5.005m)], 30, "lines[0].discountPercent" },
        { [Line(), Line()], 30, "lines[1].itemCode" },
        { [Line()], 90, null },                          // exactly the longest validity
        { [Line()], 91, "validUntil" },
        { [Line()], -1, "validUntil" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_names_its_field(QuoteLineInput[] lines, int validDays, string? field)
    {
        var refused = QuoteLineRule.Check(lines, Today.AddDays(validDays), Today, Options);

        Assert.Equal(field, refused?.Field);
        Assert.True(refused is null || refused.Rule == QuoteRefused.InvalidLine);
    }

    [Fact]
    public void More_lines_than_configured_are_refused()
    {
        var refused = QuoteLineRule.Check([Line(), Line(item: "690002")], Today, Today, Options with { MaxLines = 1 });

        Assert.Contains("Quotes:MaxLines", refused!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_short_verification_key_is_refused_at_start()
    {
        Assert.Contains("Quotes:VerificationKey", new QuotesOptions().Validate(), StringComparison.Ordinal);
        Assert.Contains("Quotes:VerificationKey", new QuotesOptions { VerificationKey = "short" }.Validate(), StringComparison.Ordinal);
        Assert.Null(Options.Validate());
    }
}
