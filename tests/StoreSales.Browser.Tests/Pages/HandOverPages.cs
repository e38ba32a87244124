using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The hand-over worklist (<c>/handovers</c>) and a hand-over's pack with its form (<c>/handovers/{id}</c>).</summary>
public sealed class HandOverPages(BrowserSession session)
{
    public async Task<HandOverPages> OpenWorklist()
    {
        await session.Page.GotoAsync("/handovers");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=handovers-open-only]");
        return this;
    }

    /// <summary>The row of a hand-over in one of the worklist's tables (<c>handovers-team</c>, <c>handovers-to-me</c>).</summary>
    public ILocator Row(string table, long handOverId) =>
        session.Page.Locator($"[data-testid={table}] [data-testid=handover-row][data-handover='{handOverId}']");

    public async Task OpenPack(string table, long handOverId)
    {
        await Row(table, handOverId).Locator("[data-testid=handover-link]").ClickAsync();
        await session.Page.WaitForURLAsync($"**/handovers/{handOverId}");
        await Expect(session.Page.Locator("[data-testid=handover-pack]")).ToBeVisibleAsync();
    }

    public ILocator Pack(string testId) => session.Page.Locator($"[data-testid={testId}]");

    /// <summary>Shows completed hand-overs too (the worklist lists open ones by default).</summary>
    public Task ShowAll() => session.Page.Locator("input[data-testid=handovers-open-only], [data-testid=handovers-open-only] input").UncheckAsync();

    /// <summary>Names the new owner, confirms the stage offered and the notes, and completes the hand-over.</summary>
    public async Task HandOverTo(string ownerRepId)
    {
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=handover-complete]");
        await session.Page.Locator($"[data-testid=owner-{ownerRepId}]").ClickAsync();
        await session.Page.Locator("input[data-testid=notes-confirmed], [data-testid=notes-confirmed] input").CheckAsync();
        await session.Page.Locator("button[data-testid=handover-complete]").ClickAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
