using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// A field supervisor chooses where their alerts reach them (docs/domain.md "Notifications"), on a command center whose
/// chain has WeCom, DingTalk and e-mail enabled; a choice without its address is refused with the reason.
/// </summary>
public sealed class NotificationSettingsTests(BrowserFixture fixture)
{
    private static readonly Dictionary<string, string?> ChannelsOn = new()
    {
        ["Demo:SeedStaff"] = "false",
        ["Notifications:Dispatcher:Enabled"] = "false", // this node only shows the page; the fixture's own sends nothing of these
        ["Notifications:Channels:WeComRobot:Enabled"] = "true",
        ["Notifications:Channels:WeComRobot:Robots:east-supervisors"] = "robot-key-for-the-browser-test",
        ["Notifications:Channels:WeComApp:Enabled"] = "true",
        ["Notifications:Channels:WeComApp:CorpId"] = "ww-browser",
        ["Notifications:Channels:WeComApp:AgentId"] = "1000002",
        ["Notifications:Channels:WeComApp:Secret"] = "app-secret-for-the-browser-test",
        ["Notifications:Channels:DingTalk:Enabled"] = "true",
        ["Notifications:Channels:DingTalk:Robots:east-group:AccessToken"] = "ding-token-for-the-browser-test",
        ["Notifications:Channels:DingTalk:Robots:east-group:Secret"] = "SEC-ding-secret-for-the-browser-test",
        ["Notifications:Channels:Email:Enabled"] = "true",
        ["Notifications:Channels:Email:Host"] = "127.0.0.1",
        ["Notifications:Channels:Email:From"] = "alerts@chain.example",
    };

    [Fact]
    public async Task A_supervisor_chooses_channels_quiet_hours_and_a_mute_and_finds_them_saved()
    {
        await using var commandCenter = await fixture.StartAnotherCommandCenter(ChannelsOn);
        await using var session = await fixture.OpenSession(commandCenter.BaseAddress);
        await session.SignIn(DemoStaff.FieldSupervisorEast);
        var settings = await new NotificationSettingsPage(session).Open();
        await Expect(settings.AnswersFor).ToContainTextAsync("Field supervisor");

        // E-mail chosen without an address: refused, saying which.
        await settings.Field("nf-choose-email").CheckAsync();
        await settings.Save();
        await Expect(settings.Refused).ToContainTextAsync("E-mail is chosen but has no address.");

        await settings.Field("nf-email").FillAsync("east.supervisor@chain.example");
        await settings.Field("nf-choose-wecom-app").CheckAsync();
        await settings.Field("nf-wecom-user").FillAsync("zhang.wei");
        await settings.Field("nf-choose-dingtalk-robot").CheckAsync();
        await settings.Field("nf-dingtalk-robot").SelectOptionAsync("east-group");
        await settings.Field("nf-quiet-start").FillAsync("22:00");
        await settings.Field("nf-quiet-end").FillAsync("07:00");
        await settings.Field("nf-mute-condition").SelectOptionAsync("feed-lagging");
        await settings.Field("nf-mute-until").FillAsync(DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddT09:00", System.Globalization.CultureInfo.InvariantCulture));
        await settings.Field("nf-mute-add").ClickAsync();
        await Expect(settings.Mutes).ToHaveCountAsync(1);
        await settings.Save();
        await Expect(settings.Saved).ToBeVisibleAsync();
        await session.Screenshots.Take("notification-settings-saved");

        await settings.Open();
        await Expect(settings.Field("nf-email")).ToHaveValueAsync("east.supervisor@chain.example");
        await Expect(settings.Field("nf-wecom-user")).ToHaveValueAsync("zhang.wei");
        await Expect(settings.Field("nf-choose-dingtalk-robot")).ToBeCheckedAsync();
        await Expect(settings.Field("nf-choose-wecom-robot")).Not.ToBeCheckedAsync();
        await Expect(settings.Field("nf-quiet-start")).ToHaveValueAsync("22:00");
        await Expect(settings.Mutes).ToContainTextAsync("Data feed lagging");
    }

    [Fact]
    public async Task The_admin_page_shows_each_channel_with_its_secrets_masked()
    {
        await using var commandCenter = await fixture.StartAnotherCommandCenter(ChannelsOn);
        await using var session = await fixture.OpenSession(commandCenter.BaseAddress);
        await session.SignIn(DemoStaff.Admin);

        await session.Page.GotoAsync("/admin/notifications");
        var channels = session.Page.Locator("[data-testid=nf-admin-channels]");
        await Expect(channels).ToContainTextAsync("east-supervisors: ••••••st");
        await Expect(channels).ToContainTextAsync("secret ••••••st");
        await session.Screenshots.Take("notification-admin");

        var text = await channels.InnerTextAsync();
        Assert.DoesNotContain("robot-key-for-the-browser-test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("app-secret-for-the-browser-test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SEC-ding-secret-for-the-browser-test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ding-token-for-the-browser-test", text, StringComparison.Ordinal);
    }
}
