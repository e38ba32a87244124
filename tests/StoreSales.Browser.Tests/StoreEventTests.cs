using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using StoreSales.Browser.Tests.Infrastructure;
using StoreSales.Browser.Tests.Pages;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Testing;
using static Microsoft.Playwright.Assertions;

namespace StoreSales.Browser.Tests;

/// <summary>
/// A store manager records a closure on the store's events page (reached from the board), and the store's board shows
/// "closed (reason) until HH:MM" with the day re-paced: the closed span expects nothing.
/// </summary>
public sealed class StoreEventTests(BrowserFixture fixture)
{
    // A store no other browser test records events for or sells at.
    private const string StoreId = "store-xm001";
    private const string Manager = "xm001.events.manager";

    [Fact]
    public async Task A_store_manager_records_a_closure_and_the_board_shows_it()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await fixture.CommandCenter.EnsureStaff(Manager, ChainRoles.StoreManager, new Claim(ScopeClaims.Store, StoreId));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
        var starts = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0).AddHours(-1);
        var ends = starts.AddHours(3);

        await using var session = await fixture.OpenSession();
        await session.SignIn(new DemoLogin(Manager, DemoLogins.Password, ChainRoles.StoreManager));
        var board = await new StoreBoardPage(session).Open(StoreId);
        await Expect(session.Page.Locator("[data-testid=store-closed]")).ToHaveCountAsync(0);
        await session.Page.Locator("[data-testid=store-events-link]").ClickAsync();
        var events = await new StoreEventsPage(session).WaitUntilLive();

        // Refused first, in words naming the field: the end before the start.
        await events.Record("weather-closure", starts, starts.AddHours(-1), "typhoon");
        await Expect(events.Refused).ToBeVisibleAsync();
        await session.Screenshots.Take("store-event-refused");

        await events.Record("weather-closure", starts, ends, "typhoon signal 8");
        await Expect(events.Saved).ToBeVisibleAsync();
        await Expect(events.List).ToContainTextAsync("typhoon signal 8");
        await Expect(events.Rows).ToHaveCountAsync(1);
        await session.Screenshots.Take("store-event-recorded");

        await events.BoardLink.ClickAsync();
        await board.WaitUntilLive();
        var closed = session.Page.Locator("[data-testid=store-closed]");
        await Expect(closed).ToBeVisibleAsync();
        await Expect(closed).ToContainTextAsync(ends.ToString("HH:mm", CultureInfo.InvariantCulture));
        await Expect(closed).ToContainTextAsync("typhoon signal 8");
        await session.Screenshots.Take("board-closed-until");

        // The board's figures are the grain's: the closed hours expect nothing.
        using var http = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        var progress = await http.GetFromJsonAsync<JsonElement>($"/api/stores/{StoreId}/progress", cancellation);
        var hours = progress.GetProperty("hours").EnumerateArray().ToDictionary(h => h.GetProperty("hour").GetInt32(), h => h.GetProperty("expected").GetDecimal());
        if (starts.Date == now.Date && starts.Hour >= 9 && starts.Hour < 22)
        {
            Assert.Equal(0m, hours[starts.Hour]);
        }

        Assert.Equal("weather-closure", progress.GetProperty("closedBy").GetProperty("kind").GetString());
    }
}
