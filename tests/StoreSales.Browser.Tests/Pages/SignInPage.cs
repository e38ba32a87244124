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

    /// <summary>
    /// Opens the form, signs in and waits until the browser is somewhere else: the person's home, or
    /// <paramref name="returnUrl"/> as when a bookmark or a notification's link sent them to sign in.
    /// </summary>
    public async Task SignIn(DemoLogin login, string? returnUrl = null)
    {
        await Open(returnUrl);
        await UserName.FillAsync(login.UserName);
        await Password.FillAsync(login.Password);

        // The documents the browser loads from here on, so that a failed sign-in says where it went.
        var documents = new List<string>();
        void Record(object? sender, IResponse response)
        {
            if (response.Request.IsNavigationRequest)
            {
                lock (documents)
                {
                    documents.Add($"{response.Request.Method} {new Uri(response.Url).PathAndQuery} → {response.Status}");
                }
            }
        }

        session.Page.Response += Record;
        try
        {
            await Submit.ClickAsync();
            // A first sign-in on a cold machine builds the EF model and hashes a password: allow more than a page step.
            await session.Page.WaitForURLAsync(url => !LoginPage().IsMatch(new Uri(url).AbsolutePath), new() { Timeout = 20_000 });
        }
        catch (TimeoutException exception)
        {
            var said = await session.Page.Locator("[role=alert], .validation-message, .validation-summary-errors").AllInnerTextsAsync();
            string[] loaded;
            lock (documents)
            {
                loaded = [.. documents];
            }

            throw new InvalidOperationException(
                $"Signing in as '{login.UserName}' ({login.Role}) stayed on the login page: '{string.Join(" / ", said)}'; documents: {string.Join(", ", loaded)}", exception);
        }
        finally
        {
            session.Page.Response -= Record;
        }
    }

    [GeneratedRegex("^/account/login/?$", RegexOptions.IgnoreCase)]
    private static partial Regex LoginPage();
}
