using System.Text.Json;
using Microsoft.Playwright;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>
/// How a page sits on the screen, as a person standing in front of it would check: does it need scrolling, do any
/// two cards lie on top of each other, how large is the figure read from afar.
/// </summary>
public sealed record ScreenFit(double DocumentWidth, double DocumentHeight, double ViewportWidth, double ViewportHeight, IReadOnlyList<CardBox> Cards, double? MainFigurePx)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Measure = """
        ([cards, figure]) => {
            const box = e => { const r = e.getBoundingClientRect(); return { name: e.dataset.store || e.getAttribute('class') || e.dataset.testid || e.tagName, x: r.x, y: r.y, width: r.width, height: r.height }; };
            const main = figure ? document.querySelector(figure) : null;
            return {
                documentWidth: document.documentElement.scrollWidth,
                documentHeight: document.documentElement.scrollHeight,
                viewportWidth: window.innerWidth,
                viewportHeight: window.innerHeight,
                cards: [...document.querySelectorAll(cards)].map(box).filter(b => b.width > 0 && b.height > 0),
                mainFigurePx: main ? parseFloat(getComputedStyle(main).fontSize) : null,
            };
        }
        """;

    /// <summary>Measures the page as laid out now: <paramref name="cards"/> selects the cards, <paramref name="mainFigure"/> the big figure.</summary>
    public static async Task<ScreenFit> Of(IPage page, string cards, string? mainFigure = null) =>
        (await page.EvaluateAsync<JsonElement>(Measure, new object?[] { cards, mainFigure })).Deserialize<ScreenFit>(Json)!;

    /// <summary>Pairs of cards whose boxes intersect (touching edges do not count).</summary>
    public IEnumerable<(CardBox A, CardBox B)> Overlaps() =>
        Cards.SelectMany((a, i) => Cards.Skip(i + 1).Where(a.Intersects).Select(b => (a, b)));

    public override string ToString() =>
        $"document {DocumentWidth}×{DocumentHeight} in viewport {ViewportWidth}×{ViewportHeight}, {Cards.Count} cards, main figure {MainFigurePx} px";
}

public sealed record CardBox(string Name, double X, double Y, double Width, double Height)
{
    /// <summary>Sub-pixel rounding of neighbours in a grid is no overlap a person could see.</summary>
    private const double Tolerance = 0.5;

    public bool Intersects(CardBox other) =>
        X + Width - Tolerance > other.X && other.X + other.Width - Tolerance > X
        && Y + Height - Tolerance > other.Y && other.Y + other.Height - Tolerance > Y;
}
