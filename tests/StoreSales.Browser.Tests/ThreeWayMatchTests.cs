using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The three-way match board (三单匹配) in the browser: finance sees a customer's month with a contract of three lines,
/// one green, one yellow and one red (each line against its own documents), opens the red line's documents, and the
/// open board turns the yellow line green when its missing sign-off and invoice are recorded (the ERP's API, another
/// client).
/// </summary>
public sealed class ThreeWayMatchTests(BrowserFixture fixture)
{
    private static readonly DemoLogin Finance = new(CreditStory.Finance, DemoLogins.Password, ChainRoles.Finance);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_board_shows_a_red_a_yellow_and_a_green_contract_line_drills_into_the_red_one_and_turns_yellow_green_live()
    {
        var customerId = await CreditStory.Account(fixture.CommandCenter, "上海瑞康医疗器械有限公司", 1_000_000, 0);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var signed = new DateOnly(today.Year, today.Month, 1);
        var contractId = $"CT-L-{customerId}";
        using var api = await fixture.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        // Lines of ¥100,000, ¥50,000 and ¥20,000 net: ¥113,000, ¥56,500 and ¥22,600 gross.
        await Post(api, "/api/contracts", new
        {
            contractId, customerId, paymentTerms = "net60", signedOn = signed,
            lines = new[]
            {
                new { item = "PUMP-A200", description = "Infusion pump A200", quantity = 8m, unitPrice = 12_500m },
                new { item = "SET-B10", description = "Infusion set, box of 10", quantity = 250m, unitPrice = 200m },
                new { item = "SVC-INSTALL", description = "Installation", quantity = 1m, unitPrice = 20_000m },
            },
        });

        async Task Document(string kind, string no, int lineNo, decimal amount) => await Post(api, $"/api/contract-documents/{kind}", new
        {
            documentNo = $"{no}-{customerId}", customerId, contractId, lineNo, amount, shippedOn = signed, signedOn = signed, issuedOn = signed, dueOn = signed.AddDays(60),
        });
        await Document("shipments", "SH-1", 1, 113_000);
        await Document("sign-offs", "SO-1", 1, 113_000);
        await Document("invoices", "INV-1", 1, 113_000);
        await Document("shipments", "SH-2", 2, 56_500);
        await Document("shipments", "SH-3", 3, 22_600);
        await Document("sign-offs", "SO-3", 3, 22_600);
        await Document("invoices", "INV-3", 3, 23_600);

        await using var session = await fixture.OpenSession();
        await session.SignIn(Finance);
        await Expect(session.Page.Locator("[data-testid=nav-three-way-match]")).ToBeVisibleAsync();
        await session.Page.GotoAsync($"/three-way-match?from={signed:yyyy-MM}&customerId={customerId}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=twm-lines]");
        var line = (int n) => session.Page.Locator($"[data-testid=twm-line][data-line='{contractId}:{n}']");
        await Expect(line(1)).ToHaveAttributeAsync("data-status", "green");
        await Expect(line(2)).ToHaveAttributeAsync("data-status", "yellow");
        await Expect(line(3)).ToHaveAttributeAsync("data-status", "red");
        await Expect(line(3)).ToContainTextAsync("Invoice differs from shipment");
        await Expect(line(3)).ToContainTextAsync("SVC-INSTALL");
        await Expect(session.Page.Locator($"[data-testid=twm-line][data-line='{contractId}']")).ToHaveCountAsync(0);
        await session.Screenshots.Take("three-way-match-red-yellow-green");

        await line(3).ClickAsync();
        var drill = session.Page.Locator("[data-testid=twm-drill]");
        await Expect(drill.Locator("[data-testid=document]")).ToHaveCountAsync(3);
        await Expect(drill.Locator("[data-testid=document][data-kind=invoice]")).ToContainTextAsync("23,600");
        await Expect(drill.Locator("[data-testid=contract-line]")).ToHaveAttributeAsync("data-status", "red");
        await session.Screenshots.Take("three-way-match-drill-down");

        // The ERP records the yellow line's missing sign-off and invoice; the open board reads again.
        await Document("sign-offs", "SO-2", 2, 56_500);
        await Document("invoices", "INV-2", 2, 56_500);
        await Expect(line(2)).ToHaveAttributeAsync("data-status", "green");
        await session.Screenshots.Take("three-way-match-yellow-turned-green");

        // The customer's contracts page shows the lines in their colours, and the contract as a whole in its worst line's.
        await session.Page.GotoAsync($"/customers/{customerId}/contracts");
        var contract = session.Page.Locator($"[data-testid=contract][data-contract='{contractId}']");
        var lines = contract.Locator("[data-testid=contract-line]");
        await Expect(lines).ToHaveCountAsync(3);
        await Expect(lines.Nth(2)).ToHaveAttributeAsync("data-status", "red");
        await Expect(contract.Locator("[data-testid=contract-header] [data-testid=match-status]")).ToHaveAttributeAsync("data-status", "red");
        await Expect(contract.Locator("[data-testid=contract-header] [data-testid=match-findings]")).ToHaveTextAsync("Invoice differs from shipment");
        await session.Screenshots.Take("contracts-page-lines");
    }

    private static async Task Post(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
    }
}
