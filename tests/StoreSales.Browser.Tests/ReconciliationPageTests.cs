using System.Net.Http.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Browser.Tests;

/// <summary>
/// A store's tills close two days through the silo's real ingest API: one whose Z equals the ledger, one whose Z counts a
/// sale the ledger never got. HQ opens the reconciliation page from the store's board and reads both.
/// </summary>
public sealed class ReconciliationPageTests(BrowserFixture fixture)
{
    // A store and days no other browser test sells at.
    private const string StoreId = "store-sz001";
    private static readonly DateOnly EqualDay = new(2026, 11, 10);
    private static readonly DateOnly UnequalDay = new(2026, 11, 11);

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    private static ZReportRecord Z(DateOnly day, long lastSequence, int count, decimal gross) => new()
    {
        TerminalId = "ZR1",
        BusinessDay = day,
        ZNumber = $"Z-{day:MMdd}",
        ClosedAt = At(day, 22),
        CapturedAt = At(day, 22),
        LastSequence = lastSequence,
        Count = count,
        Gross = gross,
        Tenders = [new TenderRecord { Method = "cash", Amount = gross }],
    };

    [Fact]
    public async Task The_page_shows_an_equal_day_and_a_day_with_a_missing_sale()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var agent = fixture.Silo.CreateClient($"demo-key-{StoreId}");
        var sales = new SaleBatch
        {
            Sales =
            [
                Sale("ZR1", 1, At(EqualDay, 10), ("6920433218190", 2, 3.50m)),
                Sale("ZR1", 2, At(EqualDay, 15), ("6993503056411", 1, 39.90m)),
                // Sequence 4 of the second day never reaches the server.
                Sale("ZR1", 3, At(UnequalDay, 10), ("6920433218190", 1, 10.00m)),
                Sale("ZR1", 5, At(UnequalDay, 16), ("6920433218190", 1, 5.00m)),
            ],
        };
        (await agent.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", sales, cancellation)).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/stores/{StoreId}/z-reports", Z(EqualDay, 2, 2, 46.90m), cancellation)).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/stores/{StoreId}/z-reports", Z(UnequalDay, 5, 3, 22.00m), cancellation)).EnsureSuccessStatusCode();

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.Headquarters);
        await session.Page.GotoAsync($"/stores/{StoreId}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=store-board]");
        await session.Page.Locator("[data-testid=reconciliation-link]").ClickAsync();

        var equal = session.Page.Locator($"[data-testid=day-{EqualDay:yyyy-MM-dd}] [data-testid=terminal-ZR1]");
        var unequal = session.Page.Locator($"[data-testid=day-{UnequalDay:yyyy-MM-dd}] [data-testid=terminal-ZR1]");
        await Expect(equal).ToHaveAttributeAsync("data-verdict", "Equal");
        await Expect(equal.Locator("[data-testid=verdict]")).ToHaveTextAsync("Equal");
        await Expect(equal.Locator("[data-testid=difference]")).ToHaveCountAsync(0);
        await Expect(unequal).ToHaveAttributeAsync("data-verdict", "Explained");
        await Expect(unequal.Locator("[data-testid=difference]")).ToContainTextAsync("1 sales · gross 7.00");
        await Expect(unequal.Locator("[data-testid=explanation]")).ToHaveTextAsync("Sale #4 missing");
        await session.Screenshots.Take("reconciliation-equal-and-unequal");

        await session.Page.GotoAsync($"/stores/{StoreId}/reconciliation?day={UnequalDay:yyyy-MM-dd}");
        await Expect(session.Page.Locator("[data-testid^=day-]")).ToHaveCountAsync(1);
        await Expect(unequal.Locator("[data-testid=explanation]")).ToHaveTextAsync("Sale #4 missing");
        await session.Screenshots.Take("reconciliation-one-day");
    }
}
