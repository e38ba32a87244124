using Microsoft.Playwright;

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, launched headless by Playwright. Playwright cannot download its own browsers on these
/// machines, so the tests drive the distribution's build (<c>apt-get install chromium</c>, which
/// deploy/local/test.sh does when run as root).
/// </summary>
public static class DebianChromium
{
    public const string PathVariable = "STORESALES_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>Where the browser is: <c>STORESALES_CHROMIUM</c> when set, else Debian's path.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>Fails with what to install when the browser is missing, before anything expensive has started.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new BrowserMissingException(
                $"Chromium not found at {ExecutablePath}. The browser tests drive Debian's Chromium: run `sudo apt-get install -y chromium` " +
                $"(deploy/local/test.sh does it when run as root), or point {PathVariable} at another Chromium.");
        }
    }

    public static async Task<IBrowser> Launch(IPlaywright playwright)
    {
        EnsureInstalled();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                // Containers and CI runners as root have no user namespace for Chromium's sandbox.
                "--no-sandbox",
                // No GPU here; without this Chromium keeps probing for one and logs errors.
                "--disable-gpu",
                // No traffic the tests did not ask for: these machines have no internet, and stray requests slow startup.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }
}

/// <summary>The one failure a fresh machine meets first: its message says what to install, nothing else.</summary>
public sealed class BrowserMissingException(string message) : Exception(message);
