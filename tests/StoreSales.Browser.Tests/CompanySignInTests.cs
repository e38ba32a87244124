using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.Data.Demo;
using StoreSales.Testing;
using StoreSales.Testing.CompanyIdentity;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// A store manager signs in with the chain's own OpenID Connect provider in the real browser: the company button,
/// the provider's form, back to their store's live board, and out again.
/// </summary>
public sealed class CompanySignInTests(BrowserFixture fixture)
{
    private const string OwnStore = "store-sh001";
    private static readonly DemoChain Chain = DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain);

    [Fact]
    public async Task A_store_manager_signs_in_with_the_company_provider_sees_their_board_only_and_signs_out()
    {
        var manager = new CompanyStaffMember("li.na", "Company-Directory-2026", ["store-manager"], [], [OwnStore]);
        await using var provider = await CompanyIdentityProvider.Start([manager]);
        // A command center of its own: the shared one offers no company sign-in.
        await using var commandCenter = await fixture.StartAnotherCommandCenter(provider.CommandCenterSettings);
        await provider.RegisterCommandCenter(commandCenter.BaseAddress);
        await using var session = await fixture.OpenSession(commandCenter.BaseAddress);

        await new CompanySignInPage(session).SignIn(manager);
        var board = await new StoreBoardPage(session).WaitUntilLive();
        await session.Screenshots.Take("own-board");
        await Expect(board.StoreName).ToHaveTextAsync(Chain.Stores.Single(s => s.Id == OwnStore).Name);

        await session.Page.GotoAsync("/stores/store-gz001");
        await Expect(session.Page.Locator("[data-testid=not-allowed]")).ToBeVisibleAsync();

        await session.Page.Locator("form[action='/account/sign-out'] button[type=submit]").ClickAsync();
        await session.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == SignInPage.Path);
        await session.Page.GotoAsync($"/stores/{OwnStore}");
        await session.Screenshots.Take("after-sign-out");
        Assert.Equal(SignInPage.Path, new Uri(session.Page.Url).AbsolutePath);
    }
}
