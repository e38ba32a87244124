using System.Net;
using System.Net.Http.Json;
using System.Text;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Sales;
using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>
/// Fault f: a raw HTTP client posts real batches duplicated (at once, in parallel), reordered and replayed, with a till
/// clock an hour off; slow-loris connections hold the ingest port; an oversized and a malformed body are refused. The
/// ledger then holds every sale once, nothing of the refused bodies, the silo's /metrics counts each refusal under its
/// reason, and the store's board counts exactly the sales.
/// </summary>
public sealed class HostileClients(Stack stack, ITestOutputHelper output)
{
    private const string StoreId = "store-sh001";
    private const string Terminal = "F1";
    private const int Batches = 6;
    private const int SalesPerBatch = 20;

    [Fact]
    public async Task Duplicated_reordered_replayed_oversized_malformed_and_slow_requests_count_every_sale_once()
    {
        FaultSuite.SkipUnlessRun(inShortForm: true);
        var cancellation = TestContext.Current.CancellationToken;
        var board = await BoardClock.Open(stack, StoreId, cancellation);
        var silo = stack.Cluster.Silos.First(s => !s.HasExited);
        using var ingest = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        ingest.DefaultRequestHeaders.Add("X-Store-Key", $"demo-key-{StoreId}");

        // Real batches of one terminal epoch; every third sale's till clock is an hour off (ahead or behind).
        var epoch = TerminalEpoch.At(DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        var batches = Enumerable.Range(0, Batches).Select(b => new SaleBatch
        {
            BatchId = $"hostile-{b}",
            Sales = [.. Enumerable.Range(1 + (b * SalesPerBatch), SalesPerBatch).Select(n =>
                SaleFactory.Sale(Terminal, TerminalEpoch.Sequence(epoch, n), now.AddHours((n % 3) switch { 0 => 1, 1 => 0, _ => -1 }), ("6920433218190", 1, 1m + (n % 7))) with { ReceiptNumber = $"F1-{n:D5}" })],
        }).ToList();

        var atFault = (await board.Ledger()).Count;
        var refusalsBefore = await Refusals.Read(silo.BaseAddress, cancellation);
        var started = DateTimeOffset.UtcNow;
        await using var slowLoris = await SlowLoris.Open(silo.BaseAddress, StoreId, connections: 40, cancellation);

        // Reordered (last first), each duplicated five times at once, then all replayed.
        foreach (var batch in batches.AsEnumerable().Reverse())
        {
            var copies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ingest.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", batch, cancellation)));
            Assert.All(copies, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        }

        foreach (var batch in batches)
        {
            var replay = await ingest.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", batch, cancellation);
            var ack = await replay.Content.ReadFromJsonAsync<BatchAck>(cancellation);
            Assert.Equal((0, SalesPerBatch), (ack!.Accepted, ack.Duplicates));
        }

        // An overlapping batch: half recorded, half new, its sales out of order.
        var overlap = new SaleBatch { BatchId = "hostile-overlap", Sales = [.. batches[^1].Sales.Skip(SalesPerBatch / 2), .. batches[0].Sales.Take(SalesPerBatch / 2)] };
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", overlap, cancellation)).StatusCode);

        // Refused bodies: more sales than a batch may hold, a body past the server's size limit, and broken JSON.
        var tooMany = new SaleBatch
        {
            BatchId = "hostile-too-many",
            Sales = [.. Enumerable.Range(1, 1001).Select(n => SaleFactory.Sale(Terminal, TerminalEpoch.Sequence(epoch, 10_000 + n), now, ("6920433218190", 1, 1m)) with { ReceiptNumber = $"F1-BIG-{n}" })],
        };
        Assert.Equal(HttpStatusCode.BadRequest, (await ingest.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", tooMany, cancellation)).StatusCode);
        var huge = await Refusal(ingest, new string(' ', 40 * 1024 * 1024) + "{}", cancellation);
        Assert.True(huge is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest or null, $"a 40 MB body was answered {huge}");
        var malformed = await Refusal(ingest, """{"batchId":"hostile-broken","sales":[{"terminalId":"F1","sequence":""", cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, malformed);

        // The slow connections held the port all along without stopping the batches; the server then drops them.
        Assert.True(slowLoris.Opened > 0);
        await Faults.WaitUntil(() => Task.FromResult(slowLoris.AllClosedByServer()), "the server closed every slow-loris connection", cancellation);

        // Nothing refused is silent: the silo the hostile client hit counts each refusal under its reason in /metrics, as the
        // operator's dashboard reads it. The 40 MB body is refused on its declared length, whether or not the client hears.
        var refusals = (await Refusals.Read(silo.BaseAddress, cancellation)) - refusalsBefore;
        Assert.True(refusals.TooManySales >= 1, $"the batch of 1,001 sales is counted as invalid_sale ({refusals})");
        Assert.True(refusals.Malformed >= 1, $"the malformed body is counted as malformed_json ({refusals})");
        Assert.True(refusals.TooLarge >= 1, $"the 40 MB body is counted under Limits:MaxIngestBodyBytes, 413 ({refusals})");
        Assert.True(refusals.TooSlow >= slowLoris.Opened, $"each of the {slowLoris.Opened} slow-loris connections is counted as body_too_slow ({refusals})");

        var current = await board.CurrentAgain(started, atFault, Faults.Limit, cancellation);
        var sent = new Dictionary<string, IReadOnlyList<string>> { [Terminal] = [.. batches.SelectMany(b => b.Sales).Select(s => s.ReceiptNumber!)] };
        var tally = await LedgerTally.Settled(stack.Database, StoreId, sent, Faults.Limit);
        var refusedRecorded = await stack.Database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND receipt_number LIKE 'F1-BIG-%'", new { StoreId });
        var (_, ledgerTotal) = await board.Ledger();
        new FaultRow("f. duplicated/reordered/replayed batches, slow loris, oversized + malformed bodies, till clock 1 h off", tally.Sent, tally.InLedger, tally.Lost, tally.Doubled + refusedRecorded, current, "n/a (no Z: raw client)").Record(output);
        Assert.True(tally.Exact, $"the client sent {tally.Sent} sales, the ledger holds {tally.InLedger}: {tally.Lost} lost, {tally.Doubled} doubled");
        Assert.Equal(0, refusedRecorded);
    }

    /// <summary>The silo's refusal counters of the kinds this fault causes, as <c>/metrics</c> shows them.</summary>
    private sealed record Refusals(double TooManySales, double Malformed, double TooLarge, double TooSlow)
    {
        private const string Rejected = "storesales_ingest_batches_rejected_total";

        public static async Task<Refusals> Read(Uri silo, CancellationToken cancellationToken)
        {
            var metrics = await ScrapedMetrics.Read(silo, cancellationToken);
            return new Refusals(
                metrics.Sum(Rejected, ("reason", "invalid_sale")),
                metrics.Sum(Rejected, ("reason", "malformed_json")),
                metrics.Sum("storesales_requests_limited_total", ("limit", "Limits:MaxIngestBodyBytes"), ("status", "413")),
                metrics.Sum(Rejected, ("reason", "body_too_slow")));
        }

        public static Refusals operator -(Refusals after, Refusals before) =>
            new(after.TooManySales - before.TooManySales, after.Malformed - before.Malformed, after.TooLarge - before.TooLarge, after.TooSlow - before.TooSlow);
    }

    /// <summary>Posts a raw body; the status, or null when the server cut the connection rather than answer.</summary>
    private static async Task<HttpStatusCode?> Refusal(HttpClient ingest, string body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await ingest.PostAsync($"/api/stores/{StoreId}/sales/batches", content, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
