using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Resources;
using StoreSales.Domain.Access;
using StoreSales.Domain.Alerts;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// Every severity, condition and role a page can meet is worded in English and in Chinese: the codes are taken from
/// the constants the rules and sign-in use, so a new one without a text fails here, not in front of a supervisor.
/// </summary>
public sealed class ChainWordTests
{
    private static readonly ResourceManager Texts = new(typeof(Labels));

    public static TheoryData<string, string> Words()
    {
        var words = new TheoryData<string, string>();
        foreach (var culture in new[] { "en", "zh-CN" })
        {
            foreach (var severity in InterventionSeverities.All)
            {
                words.Add(culture, CodeWords.SeverityKey(severity));
            }

            foreach (var condition in Constants(typeof(InterventionConditions)).Concat(Constants(typeof(AlertConditions))).Distinct().Append($"{EvidenceFacts.DeviceOffline}-T01-till"))
            {
                words.Add(culture, CodeWords.ConditionKey(condition));
            }

            foreach (var role in Constants(typeof(ChainRoles)))
            {
                words.Add(culture, CodeWords.RoleKey(role));
            }

            words.Add(culture, "AssigneeFieldSupervisor");
            words.Add(culture, "AssigneeStoreManager");
            words.Add(culture, "AssigneeRep");
        }

        return words;
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void Each_code_has_its_own_text_in_each_language(string culture, string key)
    {
        // A key that is the code itself means the table has no entry for it.
        Assert.DoesNotContain('-', key);
        Assert.Matches("^[A-Z]", key);
        var set = Texts.GetResourceSet(CultureInfo.GetCultureInfo(culture == "en" ? "" : culture), createIfNotExists: true, tryParents: false)!;
        Assert.False(string.IsNullOrWhiteSpace(set.GetString(key)), $"no {culture} text for {key}");
    }

    [Theory]
    [InlineData("en", "supervisor:region-east", "Field supervisor, East China")]
    [InlineData("zh-CN", "supervisor:region-east", "区域督导（East China）")]
    [InlineData("en", "hq", "HQ")]
    [InlineData("zh-CN", "hq", "总部")]
    [InlineData("en", "supervisor:region-unknown", "Field supervisor, region-unknown")]
    [InlineData("en", "store-manager:store-sh001", "Store manager, Shanghai Jing'an")]
    [InlineData("zh-CN", "store-manager:store-sh001", "门店店长（Shanghai Jing'an）")]
    [InlineData("en", "rep:rep-sh001-02", "Rep, rep-sh001-02")]
    [InlineData("zh-CN", "rep:rep-sh001-02", "销售代表（rep-sh001-02）")]
    public void An_assignee_reads_as_a_role_and_the_regions_name(string culture, string assignee, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var texts = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<Labels>>();

        var words = CodeWords.Assignee(texts, assignee, id => id == "region-east" ? "East China" : null, id => id == "store-sh001" ? "Shanghai Jing'an" : null);

        Assert.Equal(expected, words);
    }

    [Fact]
    public void A_severity_reads_as_a_word_in_Chinese()
    {
        var chinese = Texts.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)!;

        Assert.Equal("高", chinese.GetString(CodeWords.SeverityKey(InterventionSeverities.High)));
    }

    private static IEnumerable<string> Constants(Type holder) =>
        holder.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
