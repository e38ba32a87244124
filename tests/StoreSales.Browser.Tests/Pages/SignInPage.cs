using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>
/// The sign-in form (<c>/account/login</c>, ASP.NET Core Identity): user name, password, submit. Signing in is
/// done when the browser has left the login page; a failed sign-in stays there, which this reports with the
/// page's own message.
/// </summary>
public sealed partial class SignInPage(BrowserSession session)
{
    public const string Path = "/account/login";

    public ILocator UserName => session.Page.Locator("input[autocomplete=username]");

    public ILocator Password => session.Page.Locator("input[autocomplete=current-password]");

    public ILocator Submit => session.Page.Locator("button[type=submit]");

    public async Task<SignInPage> Open(string? returnUrl = null)
    {
        await session.Page.GotoAsync(returnUrl is null ? Path : $"{Path}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        return this;
    }

    /// <summary>Opens the form, signs in and waits until the browser is somewhere else.</summary>
    public async Task SignIn(DemoLogin login)
    {
        await Open();
        await UserName.FillAsync(login.UserName);
        await Password.FillAsync(login.Password);
        await Submit.ClickAsync();
        try
        {
            await session.Page.WaitForURLAsync(url => !LoginPage().IsMatch(new Uri(url).AbsolutePath));
        }
        catch (TimeoutException exception)
        {
            var said = await session.Page.Locator("[role=alert], .validation-message, .validation-summary-errors").AllInnerTextsAsync();
            throw new InvalidOperationException(
                $"Signing in as '{login.UserName}' ({login.Role}) stayed on the login page: {string.Join(" / ", said)}", exception);
        }
    }

    [GeneratedRegex("^/account/login/?$", RegexOptions.IgnoreCase)]
    private static partial Regex LoginPage();
}
