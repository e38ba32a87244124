using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The import page (<c>/customers/import</c>): choose a CSV file, watch its job, read the rows that added nothing.</summary>
public sealed class CustomerImportPage(BrowserSession session)
{
    public async Task<CustomerImportPage> Open()
    {
        await session.Page.GotoAsync("/customers/import");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=choose-file]");
        return this;
    }

    /// <summary>Uploads a file as a person choosing it in the file picker would.</summary>
    public Task Upload(string fileName, byte[] content) =>
        session.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });

    public ILocator Job => session.Page.Locator("[data-testid=import-job]");

    public ILocator Count(string what) => session.Page.Locator($"[data-testid=import-{what}]");

    public ILocator Issues => session.Page.Locator("[data-testid=import-issue]");

    public ILocator ExportLink => session.Page.Locator("[data-testid=export-link]");

    public ILocator NavEntry => session.Page.Locator("[data-testid=nav-import]");
}
