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

        // The HQ page's HTML alone (the server's share of the first paint), a few times.
        using (var http = await servers.CommandCenter.CreateSignedInClient(DemoLogins.Hq))
        {
            for (var i = 0; i < 5; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var html = await http.GetStringAsync("/hq");
                Console.WriteLine($"  /hq HTML: {Stopwatch.GetElapsedTime(t0).TotalMilliseconds:0} ms, {html.Length / 1024} KiB, {html.Split("data-testid=\"heat-cell\"").Length - 1} cells, {html.Split("data-testid=\"map-store\"").Length - 1} map stores");
            }
        }

        // The HQ page alone in the browser, as on an HQ desk: the first look (nobody has asked for the chain's
        // heatmap yet, so the page waits for the ledger read), then a new page a few seconds later (what HQ sees all
        // day while someone watches).
        var (first, firstShown, firstLive, _) = await OpenHq(context);
        await first.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (hq, shown, live, cells) = await OpenHq(context);
        var redraws = await DomChangeBatchesPerSecond(hq);
        await hq.CloseAsync();

        var before = servers.CommandCenterMemory();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/stores/{storeId}");
            await InteractiveRender.WaitUntilInteractive(page, "[data-testid=store-board]");
        }

        var after = servers.CommandCenterMemory();

        // The same with the store boards open in this browser too: their rendering takes this machine's cores from the
        // servers, which a browser on a TV or a desk would not.
        var (crowdedHq, crowdedShown, crowdedLive, _) = await OpenHq(context);
        var crowdedRedraws = await DomChangeBatchesPerSecond(crowdedHq);

        Console.WriteLine($"== HQ page and {pages} store-board pages (Blazor circuits) in Chromium on this machine, under the same load ==");
        Console.WriteLine($"HQ page alone in the browser, heatmap shown / live after navigation: first time {firstShown.TotalMilliseconds:0} / {firstLive.TotalMilliseconds:0} ms, once HQ has looked {shown.TotalMilliseconds:0} / {live.TotalMilliseconds:0} ms ({cells} cells); DOM change batches {redraws:0.0}/s");
        Console.WriteLine($"HQ page with the {pages} board pages open in the same browser: heatmap shown / live {crowdedShown.TotalMilliseconds:0} / {crowdedLive.TotalMilliseconds:0} ms; DOM change batches {crowdedRedraws:0.0}/s");
        Console.WriteLine($"command-center memory per open board page: {(after - before) / (double)pages / 1024:0.0} KiB ({servers.MemoryMeasure}; circuits only, the browser runs in its own process)");
        Console.WriteLine();
    }

    /// <summary>Each MutationObserver callback is one batch of DOM changes: Blazor applies a render batch in one go.</summary>
    private static async Task<double> DomChangeBatchesPerSecond(IPage page) =>
        await page.EvaluateAsync<int>("""
            () => new Promise(done => {
                let batches = 0;
                const observer = new MutationObserver(() => batches++);
                observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
                setTimeout(() => { observer.disconnect(); done(batches); }, 10000);
            })
            """) / 10.0;

    /// <summary>
    /// Opens the HQ page; "shown" is when the heatmap's first cell is visible (the prerendered first paint carries it),
    /// "live" when the circuit has rendered the heatmap again and clicks work.
    /// </summary>
    private static async Task<(IPage Page, TimeSpan Shown, TimeSpan Live, int Cells)> OpenHq(IBrowserContext context)
    {
        var hq = await context.NewPageAsync();
        var started = Stopwatch.GetTimestamp();
        await hq.GotoAsync("/hq", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await hq.Locator("[data-testid=heat-cell]").First.WaitForAsync();
        var shown = Stopwatch.GetElapsedTime(started);
        await InteractiveRender.WaitUntilInteractive(hq, "[data-testid=heat-cell]");
        var live = Stopwatch.GetElapsedTime(started);
        Console.WriteLine("  timing: " + await hq.EvaluateAsync<string>("""
            () => { const n = performance.getEntriesByType('navigation')[0];
                    const p = performance.getEntriesByType('paint').map(e => e.name + '=' + Math.round(e.startTime)).join(' ');
                    const r = performance.getEntriesByType('resource').filter(e => e.duration > 100).map(e => e.name.split('/').pop() + '=' + Math.round(e.startTime) + '+' + Math.round(e.duration)).join(' ');
                    return `ttfb=${Math.round(n.responseStart)} resEnd=${Math.round(n.responseEnd)} dcl=${Math.round(n.domContentLoadedEventEnd)} load=${Math.round(n.loadEventEnd)} ${p} slow: ${r}`; }
            """));
        return (hq, shown, live, await hq.Locator("[data-testid=heat-cell]").CountAsync());
    }
}
