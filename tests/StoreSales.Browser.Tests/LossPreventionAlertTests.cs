using System.Net.Http.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The store manager's inbox gets the scan-vs-receipt alert: a terminal's scans that reached no receipt, above the
/// rate, with the evidence (which scans, when), in the manager's language.
/// </summary>
public sealed class LossPreventionAlertTests(BrowserFixture fixture)
{
    private const string Tea = "6920433218190";

    [Fact]
    public async Task Scans_that_reach_no_receipt_show_in_the_store_managers_inbox_with_the_scans()
    {
        var cancellation = TestContext.Current.CancellationToken;
        const string StoreId = "store-sh001";
        const string Key = "demo-key-store-sh001";

        // 20 teas scanned at terminal LP9 ten minutes ago; its receipt has 18 of them: 2 of 20 (10 %) above the 5 % default.
        // The receipt, and the terminal's next sale 5 minutes on (so its receipts of the window are all in), go first.
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        await fixture.Silo.PostSales(
            StoreId,
            Key,
            [SaleFactory.Sale("LP9", 1, at.AddSeconds(40), (Tea, 18, 3.5m)) with { CashierId = "C23" }, SaleFactory.Sale("LP9", 2, at.AddMinutes(5), ("6970013389086", 1, 4m)) with { CashierId = "C23" }],
            cancellation);
        using (var agent = fixture.Silo.CreateClient(Key))
        {
            var scans = new ScanBatch
            {
                Scans = [.. Enumerable.Range(1, 20).Select(i => new ScanRecord { TerminalId = "LP9", Sequence = i, ScannedAt = at.AddSeconds(i), Code = Tea, Symbology = "]E0", Kind = ScanKinds.Gtin })],
            };
            (await agent.PostAsJsonAsync($"/api/stores/{StoreId}/scans/batches", scans, cancellation)).EnsureSuccessStatusCode();
        }


        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.StoreManagerSh001);
        var inbox = await new InboxPage(session).Open();
        var alert = inbox.AlertFor(StoreId).Filter(new() { HasText = "Scans not rung up" });
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var evidence = alert.Locator("[data-testid=evidence]");
        await Expect(evidence).ToContainTextAsync("terminal LP9, cashier C23");
        await Expect(evidence).ToContainTextAsync("2 of 20 scans reached no receipt within 1 min");
        await Expect(evidence).ToContainTextAsync(Tea);
        await session.Screenshots.Take("loss-prevention-alert");
    }
}
