using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>A person's notification settings (<c>/settings/notifications</c>).</summary>
public sealed class NotificationSettingsPage(BrowserSession session)
{
    public ILocator Saved => session.Page.Locator("[data-testid=nf-saved]");

    public ILocator Refused => session.Page.Locator("[data-testid=nf-refused]");

    public ILocator AnswersFor => session.Page.Locator("[data-testid=nf-answers-for]");

    public ILocator Mutes => session.Page.Locator("[data-testid=nf-mute]");

    public ILocator Field(string testId) => session.Page.Locator($"[data-testid={testId}]");

    public async Task<NotificationSettingsPage> Open()
    {
        await session.Page.GotoAsync("/settings/notifications");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=nf-save]");
        return this;
    }

    public Task Save() => Field("nf-save").ClickAsync();
}
