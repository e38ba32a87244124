using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The approvals inbox (<c>/approvals</c>) and one request with its decision form (<c>/approvals/{id}</c>).</summary>
public sealed class ApprovalsPage(BrowserSession session)
{
    public async Task<ApprovalsPage> Open(long? approvalId = null)
    {
        await session.Page.GotoAsync(approvalId is { } id ? $"/approvals/{id}" : "/approvals");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=approvals-waiting-count]");
        return this;
    }

    public ILocator Item(long approvalId) => session.Page.Locator($"[data-testid=approval-item][data-approval-id='{approvalId}']");

    public ILocator Detail => session.Page.Locator("[data-testid=approval-detail]");

    public ILocator Part(string testId) => session.Page.Locator($"[data-testid={testId}]");

    public async Task OpenItem(long approvalId)
    {
        await Item(approvalId).ClickAsync();
        await session.Page.WaitForURLAsync($"**/approvals/{approvalId}");
        await Assertions.Expect(session.Page.Locator($"[data-testid=approval-detail][data-approval-id='{approvalId}']")).ToBeVisibleAsync();
    }

    /// <summary>Writes the reason and approves (or rejects).</summary>
    public async Task Decide(bool approve, string reason)
    {
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=approval-approve]");
        await session.Page.Locator("textarea[data-testid=approval-reason], [data-testid=approval-reason] textarea").FillAsync(reason);
        await session.Page.Locator(approve ? "button[data-testid=approval-approve]" : "button[data-testid=approval-reject]").ClickAsync();
    }
}
