using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// <c>up.sh --silos 2 --command-centers 2</c>'s shape, every part a real process: a manager signs in through the gateway,
/// opens the store's board, and two live boards (one on WebSockets, one on long polling, whose every poll must reach the
/// node that holds its connection) see a sale posted to either silo.
/// </summary>
public sealed class GatewayTests
{
    private const string StoreId = "store-sh001";
    private const string StoreKey = "demo-key-store-sh001";

    [Fact]
    public async Task Two_silos_and_two_command_centers_serve_sign_in_pages_and_live_boards_through_the_gateway()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("gateway");
        await using var cluster = await ClusterUnderTest.Start(database, silos: 2, commandCenters: 2, cancellationToken: cancellation);
        try
        {
            // Two browsers are spread over the two nodes, each pinned to its own by the gateway's cookie.
            var (first, firstCookies) = await cluster.Front.SignIn(DemoLogins.Sh001Manager);
            var (second, secondCookies) = await cluster.Front.SignIn(DemoLogins.Sh001Manager);
            using var disposeFirst = first;
            using var disposeSecond = second;
            var nodes = new[] { firstCookies, secondCookies }.Select(c => c.GetAllCookies().FirstOrDefault(k => k.Name == ".StoreSales.Node")?.Value).ToList();
            Assert.All(nodes, node => Assert.False(string.IsNullOrEmpty(node)));
            Assert.NotEqual(nodes[0], nodes[1]);

            // The board page (server-rendered by the node) and the read API behind it answer through the gateway.
            using var page = await first.GetAsync($"/stores/{StoreId}", cancellation);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("blazor.web.js", await page.Content.ReadAsStringAsync(cancellation), StringComparison.Ordinal);
            var progress = await second.GetFromJsonAsync<JsonElement>($"/api/stores/{StoreId}/progress", cancellation);
            // The month's figure: the store's day could turn between this read and the sales (BoardWatch).
            var before = BoardWatch.Of(progress, BoardPeriod.Month);
            Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync("/api/stores/store-gz001/progress", cancellation)).StatusCode);

            await using var webSockets = await cluster.Front.CreateSignedInHubConnection(DemoLogins.Sh001Manager, HttpTransportType.WebSockets);
            await using var longPolling = await cluster.Front.CreateSignedInHubConnection(DemoLogins.Sh001Manager, HttpTransportType.LongPolling);
            var boards = new[] { new BoardWatch(webSockets, BoardPeriod.Month), new BoardWatch(longPolling, BoardPeriod.Month) };
            foreach (var board in boards)
            {
                await board.Join(StoreId, cancellation);
            }

            // One sale through each silo's ingest API: the store's grain lives on one of them, the boards hear both.
            var now = DateTimeOffset.UtcNow;
            var expected = before;
            for (var i = 0; i < cluster.Silos.Count; i++)
            {
                using var ingest = new HttpClient { BaseAddress = cluster.Silos[i].BaseAddress };
                ingest.DefaultRequestHeaders.Add("X-Store-Key", StoreKey);
                var sale = SaleFactory.Sale("T02", 900_001 + i, now, ("6920433218190", 1, 10m + i));
                using var posted = await ingest.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", new Contracts.Ingest.SaleBatch { BatchId = $"gw-{Guid.NewGuid():N}", Sales = [sale] }, cancellation);
                Assert.True(posted.IsSuccessStatusCode, $"silo {i + 1} answered {(int)posted.StatusCode}");
                expected += sale.Total;
            }

            foreach (var board in boards)
            {
                var seen = await Eventually.Until(() => Task.FromResult(board.LastActual(StoreId)), actual => actual == expected, TimeSpan.FromSeconds(30));
                Assert.Equal(expected, seen);
            }
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{cluster.Tails()}", exception);
        }
    }
}
