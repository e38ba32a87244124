using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The history import page (<c>/history/import</c>): choose skip or stop, a CSV file, watch its job, read its bad rows.</summary>
public sealed class HistoryImportPage(BrowserSession session)
{
    public async Task<HistoryImportPage> Open()
    {
        await session.Page.GotoAsync("/history/import");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=history-choose-file]");
        return this;
    }

    /// <summary>Uploads a file as a person choosing it in the file picker would.</summary>
    public Task Upload(string fileName, byte[] content) =>
        session.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });

    public Task StopAtFirstBadRow() => session.Page.Locator("[data-testid=history-stop]").CheckAsync();

    public ILocator Job => session.Page.Locator("[data-testid=history-job]");

    public ILocator Figure(string what) => session.Page.Locator($"[data-testid=history-{what}]");

    public ILocator BadRows => session.Page.Locator("[data-testid=history-bad-row]");

    public ILocator Refused => session.Page.Locator("[data-testid=history-refused]");

    public ILocator NavEntry => session.Page.Locator("[data-testid=nav-history-import]");
}
