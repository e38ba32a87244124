using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

public sealed class IngestApiTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string Path = "/api/stores/store-sh001/sales/batches";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private HttpClient Agent(string key = "demo-key-store-sh001") => fixture.Silo.CreateClient(key);

    [Fact]
    public async Task The_ledger_holds_exactly_what_the_till_sent()
    {
        var sale = Sale("L01", 1, Now, ("6920433218190", 2, 3.50m), ("6970013389086", 1.25m, 4.00m));

        var response = await Agent().PostAsJsonAsync(Path, new SaleBatch { BatchId = "b-ledger", Sales = [sale] }, TestContext.Current.CancellationToken);
        var ack = await response.Content.ReadFromJsonAsync<BatchAck>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, ack!.Accepted);
        Assert.Equal([new SaleKey("L01", 1)], ack.Durable);
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var row = await Dapper.SqlMapper.QuerySingleAsync<(string Kind, decimal Total, string Receipt, DateTime RungUpAt)>(
            connection, "SELECT kind, total, receipt_number, rung_up_at FROM sale WHERE store_id = 'store-sh001' AND terminal_id = 'L01' AND sequence = 1");
        var lines = (await Dapper.SqlMapper.QueryAsync<(int Number, string Item, decimal Quantity, decimal UnitPrice, decimal Amount)>(
            connection, "SELECT line_number, item_code, quantity, unit_price, amount FROM sale_line WHERE terminal_id = 'L01' AND sequence = 1 ORDER BY line_number")).ToList();
        Assert.Equal(("sale", 12.00m, "R000001"), (row.Kind, row.Total, row.Receipt));
        Assert.Equal(sale.RungUpAt.UtcDateTime, row.RungUpAt.ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal([(1, "6920433218190", 2m, 3.50m, 7.00m), (2, "6970013389086", 1.25m, 4.00m, 5.00m)], lines);
    }

    [Fact]
    public async Task A_batch_sent_twice_or_overlapping_changes_nothing_the_second_time()
    {
        var store = fixture.Silo.Grains().GetGrain<IStoreGrain>("store-sh001");
        var first = new SaleBatch { Sales = [Sale("D01", 1, Now, ("6920433218190", 1, 10m)), Sale("D01", 2, Now, ("6920433218190", 1, 20m))] };
        var overlapping = new SaleBatch { Sales = [Sale("D01", 2, Now, ("6920433218190", 1, 20m)), Sale("D01", 3, Now, ("6920433218190", 1, 30m))] };
        var before = await store.GetProgress();

        var a = await (await Agent().PostAsJsonAsync(Path, first, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<BatchAck>(TestContext.Current.CancellationToken);
        var b = await (await Agent().PostAsJsonAsync(Path, first, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<BatchAck>(TestContext.Current.CancellationToken);
        var c = await (await Agent().PostAsJsonAsync(Path, overlapping, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<BatchAck>(TestContext.Current.CancellationToken);
        var after = await store.GetProgress();

        Assert.Equal((2, 0), (a!.Accepted, a.Duplicates));
        Assert.Equal((0, 2), (b!.Accepted, b.Duplicates));
        Assert.Equal((1, 1), (c!.Accepted, c.Duplicates));
        Assert.Equal(2, b.Durable.Count);
        Assert.Equal(3, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'D01'"));
        Assert.Equal(3, await fixture.Database.Count("SELECT count(*) FROM sale_line WHERE terminal_id = 'D01'"));
        Assert.Equal(60m, after.Month.Actual - before.Month.Actual);
    }

    [Fact]
    public async Task The_ack_says_where_the_silo_spent_its_time()
    {
        var batch = new SaleBatch { Sales = [Sale("T01", 1, Now, ("6920433218190", 1, 5m)), Sale("T01", 2, Now, ("6920433218190", 2, 10m))] };

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await Agent().PostAsJsonAsync(Path, batch, TestContext.Current.CancellationToken);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var timing = ServerTimingHeader.Read(response.Headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["admit", "before", "commit", "count", "gc", "queued"], timing.Keys.Order(StringComparer.Ordinal));
        Assert.All(timing.Values, ms => Assert.InRange(ms, 0, elapsed));
        // A commit is a round trip to PostgreSQL and its flush: never nothing. The parts of one ack add up to less than it
        // (gc is not a part: it stretches the others).
        Assert.True(timing["commit"] > 0, $"commit took {timing["commit"]} ms");
        Assert.InRange(timing["before"] + timing["admit"] + timing["queued"] + timing["commit"] + timing["count"], 0, elapsed);
    }

    [Fact]
    public async Task No_key_or_an_unknown_key_is_401()
    {
        var batch = new SaleBatch { Sales = [Sale("A01", 1, Now, ("6920433218190", 1, 1m))] };

        var none = await fixture.Silo.CreateClient().PostAsJsonAsync(Path, batch, TestContext.Current.CancellationToken);
        var wrong = await Agent("not-a-key").PostAsJsonAsync(Path, batch, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'A01'"));
    }

    [Fact]
    public async Task Another_stores_key_is_403()
    {
        var batch = new SaleBatch { Sales = [Sale("A02", 1, Now, ("6920433218190", 1, 1m))] };

        var response = await Agent("demo-key-store-sh002").PostAsJsonAsync(Path, batch, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("store-sh002", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Database.Count("SELECT count(*) FROM sale WHERE terminal_id = 'A02'"));
    }

    [Theory]
    [InlineData("""{"sales":[{"terminalId":"T01","sequence":"seven"}]}""", "sales[0].sequence")]
    [InlineData("""{"sales":[{"terminalId":"T01","sequence":1,"total":}]}""", "sales[0].total")]
    [InlineData("""{"sales":[]}""", "sales")]
    [InlineData("""{"sales":[{"terminalId":"T 01","sequence":1,"kind":"sale","rungUpAt":"2026-11-23T10:00:00Z","capturedAt":"2026-11-23T10:00:00Z","lines":[{"lineNumber":1,"itemCode":"6920433218190","quantity":1,"unitPrice":1,"amount":1}]}]}""", "sales[0].terminalId")]
    [InlineData("""{"sales":[{"terminalId":"T01","sequence":1,"kind":"sale","rungUpAt":"2026-11-23T10:00:00Z","capturedAt":"2026-11-23T10:00:00Z","lines":[{"lineNumber":1,"itemCode":"6920433218190","quantity":0,"unitPrice":1,"amount":0}]}]}""", "sales[0].lines[0].quantity")]
    [InlineData("""{"sales":[{"terminalId":"T01","sequence":0,"kind":"refund","lines":[]}]}""", "sales[0].kind")]
    public async Task A_malformed_batch_is_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await Agent().PostAsync(Path, content, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_ingest_endpoint()
    {
        var document = await fixture.Silo.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/stores/{storeId}/sales/batches", out _));
    }
}
