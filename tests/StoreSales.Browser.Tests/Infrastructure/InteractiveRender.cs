using Microsoft.Playwright;

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>
/// Tells a prerendered page from a live one. Blazor Server first sends static HTML, then opens its circuit and
/// renders the same markup again as new DOM nodes: only from then on do clicks work and live updates arrive.
/// Acting on the static copy makes a test race the circuit, so page objects wait for the live one.
/// </summary>
public static class InteractiveRender
{
    /// <summary>
    /// Runs in every page of a session before the page's own scripts: remembers each element with a
    /// <c>data-testid</c> that came with the HTML, so that its interactive replacement can be recognised.
    /// </summary>
    public const string RememberPrerenderedElements = """
        document.addEventListener('DOMContentLoaded', () => {
            window.__storesalesPrerendered = new WeakSet(document.querySelectorAll('[data-testid]'));
        });
        """;

    private const string IsRenderedByCircuit = """
        selector => {
            const element = document.querySelector(selector);
            return element !== null && window.__storesalesPrerendered !== undefined && !window.__storesalesPrerendered.has(element);
        }
        """;

    /// <summary>Waits until the element that <paramref name="selector"/> finds has been rendered by the live circuit.</summary>
    public static async Task WaitUntilInteractive(IPage page, string selector)
    {
        try
        {
            await page.WaitForFunctionAsync(IsRenderedByCircuit, selector);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"'{selector}' on {page.Url} was never rendered by a live Blazor circuit (still the prerendered copy, or absent). " +
                "Is /_framework/blazor.web.js served with content?", exception);
        }
    }
}
