using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Data.Demo;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The three-way match on the demo data (what <c>up.sh</c> shows): finance sees the demo customer's month with green,
/// yellow and red lines and the classic failures named, drills into one; and on the customer's contracts page records
/// the prepaid contract's payment with the form, and its line turns green without a reload (the customer's grain tells
/// every host, the page reads again).
/// </summary>
public sealed class DemoThreeWayMatchBoardTests(BrowserFixture fixture)
{
    private static readonly DemoLogin Finance = new(CreditStory.Finance, DemoLogins.Password, ChainRoles.Finance);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_board_shows_red_yellow_and_green_lines_the_classic_failures_and_a_drill_down()
    {
        var customerId = await DemoCustomer();
        await using var session = await fixture.OpenSession();
        await session.SignIn(Finance);
        await session.Page.GotoAsync($"/three-way-match?customerId={customerId}");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=twm-lines]");
        var line = (string key) => session.Page.Locator($"[data-testid=twm-line][data-line='{key}']");
        await Expect(line(DemoContractToCash.Green)).ToHaveAttributeAsync("data-status", "green");
        await Expect(line(DemoContractToCash.AwaitingSignOff)).ToHaveAttributeAsync("data-status", "yellow");
        await Expect(line(DemoContractToCash.InvoiceDiffers)).ToHaveAttributeAsync("data-status", "red");
        await Expect(line(DemoContractToCash.InvoicedNotShipped)).ToContainTextAsync("Invoiced but not shipped");
        await Expect(line(DemoContractToCash.PaidWithoutContract)).ToContainTextAsync("Paid but no contract recorded");
        await Expect(line(DemoContractToCash.RebateAsReceivable)).ToContainTextAsync("Rebate settlement booked as a receivable");
        await session.Screenshots.Take("demo-three-way-match-board");

        await line(DemoContractToCash.InvoiceDiffers).ClickAsync();
        var drill = session.Page.Locator("[data-testid=twm-drill]");
        await Expect(drill.Locator("[data-testid=document]")).ToHaveCountAsync(3);
        await Expect(drill.Locator("[data-testid=document][data-kind=invoice]")).ToContainTextAsync("23,600");
        await session.Screenshots.Take("demo-three-way-match-drill-down");
    }

    [Fact]
    public async Task A_payment_recorded_with_the_form_turns_the_prepaid_contract_green_without_a_reload()
    {
        var customerId = await DemoCustomer();
        await using var session = await fixture.OpenSession();
        await session.SignIn(Finance);
        await session.Page.GotoAsync($"/customers/{customerId}/contracts");
        await InteractiveRender.WaitUntilInteractive(session.Page, "[data-testid=record-document]");
        var contract = session.Page.Locator($"[data-testid=contract][data-contract='{DemoContractToCash.AwaitingPayment}']");
        await Expect(contract.Locator("[data-testid=match-status]")).ToHaveAttributeAsync("data-status", "yellow");

        var form = session.Page.Locator("[data-testid=record-document]");
        await form.Locator("[data-testid=doc-kind]").SelectOptionAsync("Payment");
        await form.Locator("[data-testid=doc-contract]").SelectOptionAsync(DemoContractToCash.AwaitingPayment);
        await form.Locator("input[data-testid=doc-no], [data-testid=doc-no] input").FillAsync($"PAY-FORM-{Guid.NewGuid():N}"[..20]);
        await form.Locator("input[data-testid=doc-amount], [data-testid=doc-amount] input").FillAsync("11300");
        await session.Screenshots.Take("contracts-record-payment-form");
        await form.Locator("[data-testid=doc-record]").ClickAsync();

        await Expect(form.Locator("[data-testid=doc-outcome]")).ToHaveAttributeAsync("data-rule", "recorded");
        await Expect(contract.Locator("[data-testid=match-status]")).ToHaveAttributeAsync("data-status", "green");
        await session.Screenshots.Take("contracts-payment-turned-green");

        // The same number again is refused by the API's rule, said from the resources.
        await form.Locator("input[data-testid=doc-amount], [data-testid=doc-amount] input").FillAsync("9999");
        await form.Locator("[data-testid=doc-record]").ClickAsync();
        await Expect(form.Locator("[data-testid=doc-outcome]")).ToHaveAttributeAsync("data-rule", "changed-figures");
        await Expect(form.Locator("[data-testid=doc-outcome]")).ToContainTextAsync("already recorded with other figures");
    }

    private async Task<string> DemoCustomer()
    {
        using var api = await fixture.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        var contract = await api.GetFromJsonAsync<JsonElement>($"/api/contracts/{DemoContractToCash.Green}", Cancellation);
        return contract.GetProperty("customerId").GetString()!;
    }
}
