using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The three-way match board (三单匹配) in the browser: finance sees a customer's month with one green, one yellow and
/// one red line, opens the red line's documents, and the open board turns the yellow line green when the missing
/// sign-off and invoice are recorded (the ERP's API, another client).
/// </summary>
public sealed class ThreeWayMatchTests(BrowserFixture fixture)
{
    private static readonly DemoLogin Finance = new(CreditStory.Finance, DemoLogins.Password, ChainRoles.Finance);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_board_shows_a_red_a_yellow_and_a_green_line_drills_into_the_red_one_and_turns_yellow_green_live()
    {
        var customerId = await CreditStory.Account(fixture.CommandCenter, "上海瑞康医疗器械有限公司", 1_000_000, 0);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var signed = new DateOnly(today.Year, today.Month, 1);
        using var api = await fixture.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        foreach (var (id, net) in new[] { ("G", 100_000m), ("Y", 50_000m), ("R", 20_000m) })
        {
            await Post(api, "/api/contracts", new { contractId = $"CT-{id}-{customerId}", customerId, net, paymentTerms = "net60", signedOn = signed });
        }

        await Post(api, "/api/contract-documents/shipments", new { documentNo = $"SH-G-{customerId}", customerId, contractId = $"CT-G-{customerId}", amount = 113_000, shippedOn = signed });
        await Post(api, "/api/contract-documents/sign-offs", new { documentNo = $"SO-G-{customerId}", customerId, contractId = $"CT-G-{customerId}", amount = 113_000, signedOn = signed });
        await Post(api, "/api/contract-documents/invoices", new { documentNo = $"INV-G-{customerId}", customerId, contractId = $"CT-G-{customerId}", amount = 113_000, issuedOn = signed, dueOn = signed.AddDays(60) });
        await Post(api, "/api/contract-documents/shipments", new { documentNo = $"SH-Y-{customerId}", customerId, contractId = $"CT-Y-{customerId}", amount = 56_500, shippedOn = signed });
        await Post(api, "/api/contract-documents/shipments", new { documentNo = $"SH-R-{customerId}", customerId, contractId = $"CT-R-{customerId}", amount = 22_600, shippedOn = signed });
        await Post(api, "/api/contract-documents/sign-offs", new { documentNo = $"SO-R-{customerId}", customerId, contractId = $"CT-R-{customerId}", amount = 22_600, signedOn = signed });
        await Post(api, "/api/contract-documents/invoices", new { documentNo = $"INV-R-{customerId}", customerId, contractId = $"CT-R-{customerId}", amount = 23_600, issuedOn = signed, dueOn = signed.AddDays(60) });

        await using var session = await fixture.OpenSession();
        await session.SignIn(Finance);
        await Expect(session.Page.Locator("[data-testid=nav-three-way-match]")).ToBeVisibleAsync();
        await session.Page.GotoAsync($"/three-way-match?from={signed:yyyy-MM}&customerId={customerId}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=twm-lines]");
        var line = (string key) => session.Page.Locator($"[data-testid=twm-line][data-line='{key}']");
        await Expect(line($"CT-G-{customerId}")).ToHaveAttributeAsync("data-status", "green");
        await Expect(line($"CT-Y-{customerId}")).ToHaveAttributeAsync("data-status", "yellow");
        await Expect(line($"CT-R-{customerId}")).ToHaveAttributeAsync("data-status", "red");
        await Expect(line($"CT-R-{customerId}")).ToContainTextAsync("Invoice differs from shipment");
        await session.Screenshots.Take("three-way-match-red-yellow-green");

        await line($"CT-R-{customerId}").ClickAsync();
        var drill = session.Page.Locator("[data-testid=twm-drill]");
        await Expect(drill.Locator("[data-testid=document]")).ToHaveCountAsync(3);
        await Expect(drill.Locator("[data-testid=document][data-kind=invoice]")).ToContainTextAsync("23,600");
        await session.Screenshots.Take("three-way-match-drill-down");

        // The ERP records the yellow line's missing sign-off and invoice; the open board reads again.
        await Post(api, "/api/contract-documents/sign-offs", new { documentNo = $"SO-Y-{customerId}", customerId, contractId = $"CT-Y-{customerId}", amount = 56_500, signedOn = signed });
        await Post(api, "/api/contract-documents/invoices", new { documentNo = $"INV-Y-{customerId}", customerId, contractId = $"CT-Y-{customerId}", amount = 56_500, issuedOn = signed, dueOn = signed.AddDays(60) });
        await Expect(line($"CT-Y-{customerId}")).ToHaveAttributeAsync("data-status", "green");
        await session.Screenshots.Take("three-way-match-yellow-turned-green");
    }

    private static async Task Post(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
    }
}
