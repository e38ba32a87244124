using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The customer page as each viewer may see it (docs/domain.md "Customer access"): the owner rep in full with the
/// interaction form, the store manager masked and without it, a colleague not at all (as for an unknown id).
/// </summary>
public sealed class CustomerPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_manager_sees_the_phone_masked_and_no_form_a_colleague_sees_an_unknown_customer()
    {
        var customer = await SalesForceCustomers.Create(fixture, "rep-sh001-01", "客户页 孙丽");

        await using var manager = await fixture.OpenSession();
        await manager.SignIn(DemoStaff.StoreManagerSh001);
        var page = await new CustomerPage(manager.Page).Open(customer);
        await Expect(page.Phone).ToHaveAttributeAsync("data-masked", "true");
        await Expect(page.Phone).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+86 135\*{4}\d{4}$"));
        await Expect(manager.Page.Locator("[data-testid=contact-masked]")).ToBeVisibleAsync();
        await Expect(manager.Page.Locator("[data-testid=interaction-form]")).ToHaveCountAsync(0);
        await Expect(manager.Page.Locator("[data-testid=grades]")).ToHaveCountAsync(0);
        await manager.Screenshots.Take("manager-sees-masked");

        await using var colleague = await fixture.OpenSession();
        await colleague.SignIn(new DemoLogin(await Colleague(), DemoLogins.Password, "sales-rep"));
        await colleague.Page.GotoAsync($"/customers/{customer}");
        await Expect(colleague.Page.Locator("[data-testid=unknown-customer]")).ToBeVisibleAsync();
        await Expect(colleague.Page.Locator("[data-testid=customer-page]")).ToHaveCountAsync(0);
        await colleague.Screenshots.Take("colleague-sees-nothing");
    }

    private async Task<string> Colleague()
    {
        const string userName = "sh001.rep3";
        await fixture.CommandCenter.EnsureStaff(userName, StoreSales.Domain.Access.ChainRoles.SalesRep,
            new System.Security.Claims.Claim(StoreSales.CommandCenter.Access.ScopeClaims.Store, "store-sh001"),
            new System.Security.Claims.Claim(StoreSales.CommandCenter.Access.ScopeClaims.Rep, "rep-sh001-03"));
        return userName;
    }
}
