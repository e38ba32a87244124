using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Data.Demo;
using StoreSales.Domain.Access;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Opportunities;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The three-way match on the demo's story (what <c>up.sh</c> seeds): finance sees the customer's month with green,
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
        await Expect(line($"{DemoContractToCash.Lined}:1")).ToHaveAttributeAsync("data-status", "green");
        await Expect(line($"{DemoContractToCash.Lined}:2")).ToHaveAttributeAsync("data-status", "yellow");
        await Expect(line($"{DemoContractToCash.Lined}:3")).ToHaveAttributeAsync("data-status", "red");
        await Expect(line($"{DemoContractToCash.Lined}:1")).ToContainTextAsync("PUMP-A200");
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

    // The demo's story has fixed document numbers: it is told once per browser database, for an account of its own.
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static string? _demoCustomer;

    /// <summary>
    /// The browser fixture's silo seeds the chain, not the demo's customers; so the story up.sh seeds (the same
    /// <see cref="DemoContractToCash"/>) is told here for an account of the B2B rep.
    /// </summary>
    private async Task<string> DemoCustomer()
    {
        await Seeding.WaitAsync(Cancellation);
        try
        {
            if (_demoCustomer is null)
            {
                var customerId = await CreditStory.Account(fixture.CommandCenter, "杭州康泰医疗器械有限公司", 1_000_000, 0);
                await new DemoContractToCash(fixture.Database.DataSource, new ContractToCashOptions(), new CreditOptions(), new OpportunityOptions(), new ChainCalendarOptions())
                    .SeedFor(customerId, DateTimeOffset.UtcNow, Cancellation);
                _demoCustomer = customerId;
            }

            return _demoCustomer;
        }
        finally
        {
            Seeding.Release();
        }
    }
}
