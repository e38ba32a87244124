using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>An opportunity (<c>/opportunities/{id}</c>): its stage path, moves, the current stage's uploads, refusals by rule.</summary>
public sealed class OpportunityPage(BrowserSession session)
{
    public ILocator CurrentStage => session.Page.Locator("[data-testid=stage][data-current=true]");

    public ILocator Refusal => session.Page.Locator("[data-testid=move-refused]");

    public ILocator Requirement(string name) => session.Page.Locator($"[data-testid=requirement][data-requirement='{name}']");

    public ILocator Moves => session.Page.Locator("[data-testid=move]");

    public async Task<OpportunityPage> Open(string opportunityId)
    {
        await session.Page.GotoAsync($"/opportunities/{opportunityId}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=stage-path]");
        return this;
    }

    public Task MoveNext() => session.Page.Locator("[data-testid=move-next]").ClickAsync();

    public Task Upload(string requirement, string fileName, byte[] content) =>
        session.Page.Locator($"[data-testid=upload-{requirement}]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content });
}

/// <summary>A pipeline (<c>/pipeline</c>): one column per stage, a card per opportunity with its age colour.</summary>
public sealed class PipelinePage(BrowserSession session)
{
    public ILocator Card(string opportunityId) => session.Page.Locator($"[data-testid=pipeline-card][data-opportunity='{opportunityId}']");

    public ILocator CardIn(string stage, string opportunityId) =>
        session.Page.Locator($"[data-testid=pipeline-stage][data-stage='{stage}'] [data-testid=pipeline-card][data-opportunity='{opportunityId}']");

    public async Task<PipelinePage> Open(string query = "")
    {
        await session.Page.GotoAsync("/pipeline" + query);
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=pipeline]");
        return this;
    }
}
