using System.Globalization;
using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>
/// Target decomposition and calibration (<c>/targets/decomposition/{region}/{yyyy-MM}</c>): HQ's region target, the
/// stores' proposed shares, the regional manager's correction with reasons, apply; refusals by rule.
/// </summary>
public sealed class DecompositionPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Rows => Page.Locator("[data-testid=store-row]");

    public ILocator Row(string storeId) => Page.Locator($"[data-testid=store-row][data-store='{storeId}']");

    public ILocator Proposal => Page.Locator("[data-testid=proposal]");

    public ILocator Difference => Page.Locator("[data-testid=difference]");

    public ILocator Refusal => Page.Locator("[data-testid=refused]");

    public ILocator Done => Page.Locator("[data-testid=done]");

    public ILocator Correction => Page.Locator("[data-testid=correction]");

    public async Task<DecompositionPage> Open(string regionId, string month, string? store = null)
    {
        await Page.GotoAsync($"/targets/decomposition/{regionId}/{month}" + (store is null ? "" : $"?store={store}"));
        await InteractiveRender.WaitUntilInteractive(Page, "[data-testid=freeze]");
        return this;
    }

    public async Task Propose(decimal amount)
    {
        await Page.Locator("[data-testid=region-amount]").FillAsync(amount.ToString(CultureInfo.InvariantCulture));
        await Page.Locator("[data-testid=propose]").ClickAsync();
    }

    public async Task<decimal> Proposed(string storeId) =>
        decimal.Parse((await Row(storeId).Locator("[data-testid=proposed]").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    public Task StartCorrection(string storeId) => Row(storeId).Locator("[data-testid=correct]").ClickAsync();

    public async Task Correct(decimal amount, string[] reasons, string? note = null)
    {
        await Correction.Locator("[data-testid=correction-amount]").FillAsync(amount.ToString(CultureInfo.InvariantCulture));
        foreach (var reason in reasons)
        {
            await Correction.Locator($"[data-testid=reason][data-reason='{reason}']").CheckAsync();
        }

        if (note is not null)
        {
            await Correction.Locator("[data-testid=correction-note]").FillAsync(note);
        }

        await Correction.Locator("[data-testid=save-correction]").ClickAsync();
    }

    public Task Apply() => Page.Locator("[data-testid=apply]").ClickAsync();
}
