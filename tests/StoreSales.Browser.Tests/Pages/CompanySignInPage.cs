using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Testing.CompanyIdentity;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>
/// Signing in with the chain's own provider as a person does: the company button on <c>/account/login</c>, the
/// provider's own form, and back to the command center.
/// </summary>
public sealed class CompanySignInPage(BrowserSession session)
{
    public ILocator CompanyButton => session.Page.Locator("a.account-external");

    /// <summary>Signs in and waits until the browser is back on the command center, past its callback.</summary>
    public async Task SignIn(CompanyStaffMember member)
    {
        await session.Page.GotoAsync(SignInPage.Path);
        await CompanyButton.ClickAsync();
        // The first company sign-in of a command center reads the provider's discovery document and keys over its
        // back channel (a minute at most, as the OpenID Connect handler allows it): on a starved CI machine that took more
        // than the 20 s allowed before (2026-12-07), so the wait is the back channel's own limit.
        await session.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == CompanyIdentityProvider.LoginPath, new() { Timeout = 60_000 });
        await session.Screenshots.Take("company-provider-form");
        await session.Page.Locator("input[name=username]").FillAsync(member.UserName);
        await session.Page.Locator("input[name=password]").FillAsync(member.Password);
        await session.Page.Locator("button[type=submit]").ClickAsync();
        await session.Page.WaitForURLAsync(
            url => new Uri(url).Authority == session.BaseAddress.Authority && new Uri(url).AbsolutePath != "/signin-oidc",
            new() { Timeout = 20_000 });
    }
}
