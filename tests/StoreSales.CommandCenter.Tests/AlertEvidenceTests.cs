using System.Globalization;
using Bunit;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Components.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.CommandCenter.Tests;

/// <summary>
/// An alert's evidence in the viewer's language, worded from the facts kept with it, times in the store's time zone;
/// an alert from before facts were kept still shows its rule's summary.
/// </summary>
public sealed class AlertEvidenceTests : BoardComponentContext
{
    private const string Store = "Shanghai Jing'an";

    // 02:05 UTC is 10:05 in Shanghai.
    private static readonly DateTimeOffset Since = new(2026, 11, 23, 2, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "Shanghai Jing'an: Scanner of terminal T02 offline since 10:05 during opening hours")]
    [InlineData("zh-CN", "Shanghai Jing'an：终端 T02 的扫码枪自 10:05 起离线（营业时间内）")]
    public void A_device_offline_is_worded_in_the_viewers_language_at_store_time(string culture, string expected)
    {
        var facts = new EvidenceFacts(EvidenceFacts.DeviceOffline, TerminalId: "T02", DeviceKind: "scanner", Since: Since);

        var text = Evidence(culture, "device-offline-T02-scanner", facts);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("en", -1500, "Shanghai Jing'an: the store PC's clock is 1,500 s ahead of the server's (limit 120 s); till times are suspect: check its time synchronisation")]
    [InlineData("en", 300, "Shanghai Jing'an: the store PC's clock is 300 s behind the server's (limit 120 s); till times are suspect: check its time synchronisation")]
    [InlineData("zh-CN", -1500, "Shanghai Jing'an：门店电脑时钟比服务器快 1,500 秒（上限 120 秒）；收银时间可疑，请检查时间同步")]
    [InlineData("zh-CN", 300, "Shanghai Jing'an：门店电脑时钟比服务器慢 300 秒（上限 120 秒）；收银时间可疑，请检查时间同步")]
    public void A_clock_skew_says_ahead_or_behind_with_numbers_written_the_viewers_way(string culture, int skewSeconds, string expected)
    {
        var facts = new EvidenceFacts(EvidenceFacts.ClockSkewed, ClockSkew: TimeSpan.FromSeconds(skewSeconds), ClockSkewLimit: TimeSpan.FromMinutes(2));

        var text = Evidence(culture, InterventionConditions.ClockSkew, facts);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("en", "Shanghai Jing'an: 900 sales waiting at the store, the oldest for 16 min; last acknowledged never")]
    [InlineData("zh-CN", "Shanghai Jing'an：门店有 900 笔交易待上传，最早一笔已等待 16 分钟；最近确认 从未")]
    public void A_lagging_feed_without_any_ack_says_never(string culture, string expected)
    {
        var facts = new EvidenceFacts(EvidenceFacts.FeedLagging, WaitingSales: 900, OldestWaiting: TimeSpan.FromMinutes(16.5));

        Assert.Equal(expected, Evidence(culture, InterventionConditions.FeedLagging, facts));
    }

    [Fact]
    public void An_outbox_past_its_bound_gives_its_size_in_MiB()
    {
        var facts = new EvidenceFacts(EvidenceFacts.OutboxOverBound, WaitingSales: 12000, OutboxBytes: 1100L << 20, OutboxMaxBytes: 1024L << 20);

        Assert.Equal(
            "Shanghai Jing'an：门店代理的发件箱已超出磁盘上限：1,100 / 1,024 MiB，12,000 笔交易待上传；交易仍在保存，门店电脑磁盘有风险",
            Evidence("zh-CN", InterventionConditions.OutboxNearFull, facts));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void An_alert_raised_before_facts_were_kept_shows_its_summary(string culture)
    {
        Assert.Equal("the rule's own words", Evidence(culture, "device-offline-T02-scanner", facts: null));
    }

    private string Evidence(string culture, string condition, EvidenceFacts? facts)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var alert = new Intervention(
            $"store-sh001/{condition}#1", condition, new InterventionSubject("device", "store-sh001/T02/scanner", "store-sh001", "region-east"), "medium",
            new InterventionEvidence("the rule's own words", null, null, null, Since, Facts: facts),
            "supervisor:region-east", InterventionStatus.Open, 0, Since, Since, null, []);

        var evidence = Render<AlertEvidence>(p => p
            .Add(x => x.Alert, AlertCard.From(alert))
            .Add(x => x.StoreName, Store)
            .Add(x => x.TimeZone, "Asia/Shanghai"));

        var shown = evidence.Find("[data-testid=evidence]");
        Assert.Equal("the rule's own words", shown.GetAttribute("title"));
        return shown.TextContent.Trim();
    }
}
