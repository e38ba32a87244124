using Microsoft.Playwright;
using StoreSales.Browser.Tests.Pages;

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>One test's browser: its own context (cookies, storage), one page, and the screenshots of its steps.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    internal BrowserSession(IBrowserContext context, IPage page, Uri baseAddress)
    {
        _context = context;
        Page = page;
        BaseAddress = baseAddress;
        Screenshots = new Screenshots(page, CurrentTestName());
    }

    public IPage Page { get; }

    /// <summary>The command center this session browses; page objects navigate relative to it.</summary>
    public Uri BaseAddress { get; }

    public Screenshots Screenshots { get; }

    /// <summary>
    /// Signs this session in as a demo user; the session's later pages are seen as that user. Without
    /// <paramref name="returnUrl"/> the browser lands on the user's home page.
    /// </summary>
    public Task SignIn(DemoLogin login, string? returnUrl = null) => new SignInPage(this).SignIn(login, returnUrl);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static string CurrentTestName()
    {
        var test = TestContext.Current;
        var className = test.TestClass?.TestClassName is { } fullName ? fullName[(fullName.LastIndexOf('.') + 1)..] : "Test";
        return $"{className}.{test.TestMethod?.MethodName ?? "step"}";
    }
}
