using System.Security.Claims;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// The public pool page is live: two reps of a team have <c>/pool</c> open in two browsers; a customer released to the
/// pool appears on both, and when one rep claims a customer, it leaves the other rep's page without a reload.
/// </summary>
public sealed class PoolLiveTests(BrowserFixture fixture)
{
    private const string ColleagueLogin = "pool.live.colleague";

    [Fact]
    public async Task Two_reps_watch_the_pool_one_claims_and_the_customer_leaves_the_others_page_without_reload()
    {
        await fixture.CommandCenter.EnsureStaff(ColleagueLogin, ChainRoles.SalesRep, new Claim(ScopeClaims.Store, SalesForceCustomers.Team), new Claim(ScopeClaims.Rep, "rep-pool-live-02"));
        var contested = await SalesForceCustomers.Create(fixture, "rep-sh001-02", "公海客户 林悦");
        await SalesForceCustomers.ToPool(fixture, contested);

        await using var claimer = await fixture.OpenSession();
        await claimer.SignIn(DemoStaff.SalesRepSh001);
        var claimerPool = await new PoolPage(claimer).Open();
        await using var colleague = await fixture.OpenSession();
        await colleague.SignIn(new DemoLogin(ColleagueLogin, DemoLogins.Password, "sales-rep"));
        var colleaguePool = await new PoolPage(colleague).Open();
        await Expect(claimerPool.Entry(contested)).ToBeVisibleAsync();
        await Expect(colleaguePool.Entry(contested)).ToBeVisibleAsync();

        // Released while both pages are open: it appears on both.
        var released = await SalesForceCustomers.Create(fixture, "rep-sh001-02", "公海客户 苏晴");
        await SalesForceCustomers.ToPool(fixture, released);
        await Expect(claimerPool.Entry(released)).ToBeVisibleAsync();
        await Expect(colleaguePool.Entry(released)).ToBeVisibleAsync();
        await colleague.Screenshots.Take("colleague-sees-release");

        await claimerPool.Claim(contested);
        await Expect(claimerPool.Claimed).ToContainTextAsync("公海客户 林悦");
        await claimer.Screenshots.Take("claimer-claimed");

        // The colleague did nothing: no click, no reload. The claimed customer leaves their page, the other stays.
        await Expect(colleaguePool.Entry(contested)).ToHaveCountAsync(0);
        await Expect(colleaguePool.Entry(released)).ToBeVisibleAsync();
        await colleague.Screenshots.Take("colleague-sees-it-leave");
    }
}
