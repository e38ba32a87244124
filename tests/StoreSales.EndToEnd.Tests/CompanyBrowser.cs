using System.Net;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Testing.CompanyIdentity;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// What a person's browser does to sign in with the chain's own provider, without JavaScript: follows every
/// redirect between the command center and the provider, keeps both sites' cookies, fills in the provider's form.
/// </summary>
public sealed partial class CompanyBrowser(Uri commandCenter) : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private HttpClient? _http;

    /// <summary>The browser's HTTP client, on the command center; it keeps the cookies of every site it visits.</summary>
    public HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = true }) { BaseAddress = commandCenter };

    /// <summary>
    /// The "company sign-in" button, then the provider's form; answers where the browser ended up, after the
    /// provider sent it back to the command center.
    /// </summary>
    public async Task<Uri> SignIn(CompanyStaffMember member, string returnUrl, CancellationToken cancellation)
    {
        using var atProvider = await Http.GetAsync($"/account/external?returnUrl={Uri.EscapeDataString(returnUrl)}", cancellation);
        var form = atProvider.RequestMessage!.RequestUri!;
        if (form.AbsolutePath != CompanyIdentityProvider.LoginPath)
        {
            throw new InvalidOperationException($"The company sign-in did not lead to the provider's form but to {form} ({(int)atProvider.StatusCode}).");
        }

        using var signedIn = await Http.PostAsync(new Uri(form, CompanyIdentityProvider.LoginPath), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = member.UserName,
            ["password"] = member.Password,
            ["returnUrl"] = HttpUtility.ParseQueryString(form.Query)["ReturnUrl"] ?? "",
        }), cancellation);
        return signedIn.RequestMessage!.RequestUri!;
    }

    /// <summary>The sign-out button of the command center's top bar: a form post with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SignOut(CancellationToken cancellation)
    {
        var page = await Http.GetStringAsync("/", cancellation);
        var token = ValueOf().Match(AntiforgeryInput().Match(page).Value);
        if (!token.Success)
        {
            throw new InvalidOperationException("The command center's page carries no sign-out form.");
        }

        return await Http.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
        }), cancellation);
    }

    /// <summary>The live hub, as a page of this browser opens it: with the browser's sign-in cookie.</summary>
    public HubConnection OpenHub() =>
        new HubConnectionBuilder().WithUrl(new Uri(commandCenter, "/hubs/live"), o => o.Cookies = _cookies).Build();

    public bool HasCookie(string name) => _cookies.GetAllCookies().Any(c => c.Name == name && !c.Expired);

    public void Dispose() => _http?.Dispose();

    // Attribute order is Blazor's business: find the hidden input, then its value.
    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*>")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"value=""(?<value>[^""]+)""")]
    private static partial Regex ValueOf();
}
