using System.Diagnostics;
using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Benchmarks;

/// <summary>
/// Real pages in Debian's Chromium (its own processes) against the command center, while the chain load runs: the
/// server memory of each open store board (a Blazor circuit), how long the HQ page takes to show the heatmap (the
/// first time, and again once HQ has looked), and how often the HQ page's DOM changes (its redraws) per second.
/// </summary>
internal static class BoardCircuits
{
    public static async Task Run(IBoardServers servers, int pages, string storeId)
    {
        DebianChromium.EnsureInstalled();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.Launch(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = servers.CommandCenter.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        await context.AddInitScriptAsync(InteractiveRender.RememberPrerenderedElements);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/login");
        await signIn.Locator("input[autocomplete=username]").FillAsync(DemoLogins.Hq);
        await signIn.Locator("input[autocomplete=current-password]").FillAsync(DemoLogins.Password);
        await signIn.Locator("button[type=submit]").ClickAsync();
        await signIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        var before = servers.CommandCenterMemory();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/stores/{storeId}");
            await InteractiveRender.WaitUntilInteractive(page, "[data-testid=store-board]");
        }

        var after = servers.CommandCenterMemory();

        // First look: nobody has asked for the chain's heatmap yet, so the page waits for the ledger read. Second
        // look, in a new page a few seconds later: what HQ sees all day while someone watches.
        var (_, firstShown, _) = await OpenHq(context);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (hq, shown, cells) = await OpenHq(context);

        // Each MutationObserver callback is one batch of DOM changes: Blazor applies a render batch in one go.
        var batches = await hq.EvaluateAsync<int>("""
            () => new Promise(done => {
                let batches = 0;
                const observer = new MutationObserver(() => batches++);
                observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
                setTimeout(() => { observer.disconnect(); done(batches); }, 10000);
            })
            """);

        Console.WriteLine($"== {pages} store-board pages (Blazor circuits) in Chromium, and the HQ page, under the same load ==");
        Console.WriteLine($"command-center memory per open board page: {(after - before) / (double)pages / 1024:0.0} KiB ({servers.MemoryMeasure}; circuits only, the browser runs in its own process)");
        Console.WriteLine($"HQ page: heatmap shown {firstShown.TotalMilliseconds:0} ms after navigation the first time, {shown.TotalMilliseconds:0} ms once HQ has looked ({cells} cells); DOM change batches {batches / 10.0:0.0}/s over 10 s");
        Console.WriteLine();
    }

    private static async Task<(IPage Page, TimeSpan Shown, int Cells)> OpenHq(IBrowserContext context)
    {
        var hq = await context.NewPageAsync();
        var started = Stopwatch.GetTimestamp();
        await hq.GotoAsync("/hq");
        await InteractiveRender.WaitUntilInteractive(hq, "[data-testid=region-summary]");
        await hq.Locator("[data-testid=heat-cell]").First.WaitForAsync();
        var shown = Stopwatch.GetElapsedTime(started);
        return (hq, shown, await hq.Locator("[data-testid=heat-cell]").CountAsync());
    }
}
