using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The targets page (<c>/targets?month=yyyy-MM</c>): targets by level, change requests, audit trail.</summary>
public sealed class TargetsPage(BrowserSession session)
{
    public ILocator Table(string level) => session.Page.Locator($"[data-testid=targets-{level}]");

    public ILocator Row(string subjectId) => session.Page.Locator($"tr:has([data-testid=target-row][data-subject='{subjectId}'])");

    public ILocator Amount(string subjectId) => session.Page.Locator($"[data-testid=target-amount][data-subject='{subjectId}']");

    public ILocator Done => session.Page.Locator("[data-testid=target-done]");

    public ILocator Refusal => session.Page.Locator("[data-testid=target-refused]");

    public ILocator Request(string status) => session.Page.Locator($"[data-testid=change-request][data-status={status}]");

    public ILocator AuditEntry(string subjectId, string source) => session.Page.Locator($"[data-testid=audit-entry][data-subject='{subjectId}'][data-source={source}]");

    public async Task<TargetsPage> Open(string month)
    {
        await session.Page.GotoAsync($"/targets?month={month}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=target-audit]");
        return this;
    }

    /// <summary>Types a new amount and reason into a target's row.</summary>
    public async Task Fill(string subjectId, decimal amount, string reason)
    {
        var row = Row(subjectId);
        await row.Locator("input[data-testid=target-new-amount], [data-testid=target-new-amount] input").FillAsync(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.Locator("input[data-testid=target-reason], [data-testid=target-reason] input").FillAsync(reason);
    }

    public Task Save(string subjectId) => Row(subjectId).Locator("button[data-testid=target-save]").ClickAsync();

    public Task AskForChange(string subjectId) => Row(subjectId).Locator("button[data-testid=target-request]").ClickAsync();

    public static Task Approve(ILocator request) => request.Locator("button[data-testid=approve]").ClickAsync();
}
