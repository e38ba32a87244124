using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The public pool page (<c>/pool</c>): a rep's claim of a customer released from another rep succeeds and the customer
/// leaves the list; the claim of one released from themselves is refused in words naming the rule.
/// </summary>
public sealed class PoolPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_rep_claims_a_customer_from_the_pool_it_leaves_the_list_and_a_barred_claim_says_its_rule()
    {
        var releasedFromColleague = await SalesForceCustomers.Create(fixture, "rep-sh001-02", "公海客户 陈静");
        var releasedFromMe = await SalesForceCustomers.Create(fixture, "rep-sh001-01", "公海客户 赵强");
        await SalesForceCustomers.ToPool(fixture, releasedFromColleague, releasedFromMe);

        await using var session = await fixture.OpenSession();
        await session.SignIn(DemoStaff.SalesRepSh001);
        await Expect(session.Page.Locator("a[href='/pool']")).ToBeVisibleAsync();
        var pool = await new PoolPage(session).Open();
        await Expect(pool.Entry(releasedFromColleague)).ToBeVisibleAsync();
        await Expect(pool.Entry(releasedFromMe)).ToBeVisibleAsync();
        await session.Screenshots.Take("pool-before-claim");

        await pool.Claim(releasedFromMe);
        await Expect(pool.Refusal).ToHaveAttributeAsync("data-rule", "former-owner-barred");
        await Expect(pool.Refusal).ToContainTextAsync("rule former-owner-barred");
        await Expect(pool.Entry(releasedFromMe)).ToBeVisibleAsync();
        await session.Screenshots.Take("claim-refused");

        await pool.Claim(releasedFromColleague);
        await Expect(pool.Claimed).ToContainTextAsync("公海客户 陈静");
        await Expect(pool.Entry(releasedFromColleague)).ToHaveCountAsync(0);
        await session.Screenshots.Take("claimed-and-gone");

        // Now the rep's: in full on the customer's page.
        await session.Page.Locator("[data-testid=claimed-link]").ClickAsync();
        var customer = new CustomerPage(session.Page);
        await Expect(customer.Phone).ToHaveAttributeAsync("data-masked", "false");
    }
}
