using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using StoreSales.CommandCenter.Quotes;
using StoreSales.CommandCenter.Resources;
using StoreSales.Domain.SalesForce.Quotes;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// A quote refusal on a zh-CN page is said in Chinese: the API's English sentence carries a stable code, and the page
/// words that code from its resources with the refusal's own figures. Every code the domain can give has its words.
/// </summary>
public sealed class QuoteRefusalTextTests
{
    private static readonly ResourceManager Texts = new(typeof(Labels));

    public static TheoryData<string> Codes() => [.. typeof(QuoteRefusalCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Distinct()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_words_in_English_and_Chinese(string code)
    {
        Assert.True(QuoteRefusalText.Keys.TryGetValue(code, out var key), $"code {code} has no resource key");
        var english = Texts.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!.GetString(key);
        var chinese = Texts.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)!.GetString(key);

        Assert.False(string.IsNullOrWhiteSpace(english));
        Assert.False(string.IsNullOrWhiteSpace(chinese));
        Assert.NotEqual(english, chinese);
    }

    [Fact]
    public void A_discount_refused_by_the_line_rule_reads_in_Chinese_with_its_figures()
    {
        var refused = QuoteLineRule.Check(
            [new QuoteLineInput("md-glucose", "Glucose meter", 2, 100m, 12.345m, null)], new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 5), new QuotesOptions())!;

        var text = Say("zh-CN", refused);

        Assert.Equal(QuoteRefusalCodes.Discount, refused.Code);
        Assert.Equal("第 1 行：折扣为 0 到 100 以下的百分比，最多两位小数（当前为 12.345）。", text);
        Assert.DoesNotContain("discount", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_status_named_by_a_refusal_is_worded_too()
    {
        var refused = QuoteRefused.Of(QuoteRefused.AlreadySubmitted, QuoteRefusalCodes.AlreadySubmitted, "version", "Version 2 is already approved.", "2", QuoteStatus.Approved);

        Assert.Equal("第 2 版已提交（已批准）。", Say("zh-CN", refused));
        Assert.Equal("Version 2 is already submitted (Approved).", Say("en", refused));
    }

    [Fact]
    public void A_closed_opportunity_is_worded_by_its_outcome()
    {
        var refused = QuoteRefused.Of(QuoteRefused.OpportunityClosed, QuoteRefusalCodes.OpportunityClosed, "opportunityId", "The opportunity is lost: it takes no more quotes.", "lost");

        Assert.Equal("该商机已输单，不再接受报价。", Say("zh-CN", refused));
    }

    private static string Say(string culture, QuoteRefused refused)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var texts = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<Labels>>();
        return QuoteRefusalText.Of(texts, refused);
    }
}
