using Microsoft.Playwright;
using StoreSales.Browser.Tests.Infrastructure;

namespace StoreSales.Browser.Tests.Pages;

/// <summary>The command center's index (<c>/</c>): every store the user may see, with today's and the month's status.</summary>
public sealed class StoreListPage(BrowserSession session)
{
    private const string Table = "[data-testid=store-list]";

    public ILocator Rows => session.Page.Locator($"{Table} tbody tr");

    public async Task<StoreListPage> Open()
    {
        await session.Page.GotoAsync("/");
        await InteractiveRender.WaitUntilInteractive(session.Page, Table);
        return this;
    }

    /// <summary>The rows as a person reads them, in page order.</summary>
    public async Task<IReadOnlyList<StoreRow>> ReadRows()
    {
        var rows = new List<StoreRow>();
        foreach (var row in await Rows.AllAsync())
        {
            var cells = row.Locator("td");
            rows.Add(new StoreRow(
                StoreId: await row.Locator("td[data-store]").GetAttributeAsync("data-store") ?? "",
                Name: await cells.Nth(0).InnerTextAsync(),
                Region: await cells.Nth(1).InnerTextAsync(),
                Today: await cells.Nth(2).InnerTextAsync(),
                Month: await cells.Nth(5).InnerTextAsync()));
        }

        return rows;
    }

    /// <summary>Follows the store's link, as a manager clicking its name would.</summary>
    public async Task<StoreBoardPage> OpenBoard(string storeName)
    {
        await session.Page.Locator(Table).GetByRole(AriaRole.Link, new() { Name = storeName, Exact = true }).ClickAsync();
        return await new StoreBoardPage(session).WaitUntilLive();
    }
}

/// <summary>One store as the index shows it; the statuses are the chip texts (symbol and words).</summary>
public sealed record StoreRow(string StoreId, string Name, string Region, string Today, string Month);
