using Microsoft.AspNetCore.Http;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Edge.Tests.Outbox;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Upload;

/// <summary>The agent's uploader against a real Kestrel server playing the ingest API.</summary>
public sealed class UploaderTests
{
    /// <summary>Fills the outbox before the agent starts; returns every key appended.</summary>
    private static HashSet<SaleKey> Fill(TempDirectory dir, int perTerminal, params string[] terminals)
    {
        var keys = new HashSet<SaleKey>();
        using var outbox = new SqliteOutbox(dir.File("outbox.db"));
        for (var i = 0; i < perTerminal; i++)
        {
            foreach (var terminal in terminals)
            {
                var sequence = outbox.Queue.Append(SqliteOutboxTests.Sale(terminal, $"{terminal}-{i}", 1.00m + i));
                keys.Add(new SaleKey(terminal, sequence));
            }
        }

        return keys;
    }

    [Fact]
    public async Task Acked_batches_empty_the_outbox_in_batches_of_at_most_BatchSize()
    {
        using var dir = new TempDirectory();
        var keys = Fill(dir, 125, "T01", "T02");
        await using var server = await FakeIngestServer.StartAsync();
        var settings = TestAgent.Settings(dir, server.Url);
        settings["Agent:BatchSize"] = "100";

        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0 && agent.Status.Snapshot().Upload.Batches == 3, "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(keys, server.Ledger.Keys.ToHashSet());
        Assert.Equal([100, 100, 50], server.AckedBatchSizes);
        Assert.All(server.Received.Values, n => Assert.Equal(1, n));
        var ledgerSale = server.Ledger[new SaleKey("T02", agent.Outbox.Seq(7))];
        Assert.Equal(("T02-6", 7.00m), (ledgerSale.ReceiptNumber!, ledgerSale.Total));
        var snapshot = agent.Status.Snapshot();
        Assert.Equal((250L, 3L, 0L), (snapshot.Upload.Acked, snapshot.Upload.Batches, snapshot.OutboxDepth));
        Assert.NotNull(snapshot.Upload.ServerClockSkew);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_nothing_is_lost_or_doubled()
    {
        using var dir = new TempDirectory();
        var keys = Fill(dir, 20, "T01", "T02", "T03");
        await using var server = await FakeIngestServer.StartAsync();
        server.Intercept = (_, request) => request <= 3 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : null;
        var settings = TestAgent.Settings(dir, server.Url);
        settings["Agent:BatchSize"] = "25";

        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0 && agent.Status.Snapshot().Upload.Acked == 60, "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(server.Requests >= 3 + 3, $"3 refused + at least 3 acked requests, saw {server.Requests}");
        Assert.Equal(keys, server.Received.Keys.ToHashSet());   // every sale reached the server
        Assert.Equal(keys, server.Ledger.Keys.ToHashSet());     // and is durable there, once per (terminal, sequence)
        Assert.Equal(keys.Count, server.AckedBatchSizes.Sum()); // no sale was acked twice: nothing was sent again after its ack
        Assert.Equal(60, agent.Status.Snapshot().Upload.Acked);
    }

    [Fact]
    public async Task A_failed_pass_is_one_request_and_the_wait_before_the_next_never_passes_MaxRetryDelay()
    {
        using var dir = new TempDirectory();
        var keys = Fill(dir, 3, "T01");
        await using var server = await FakeIngestServer.StartAsync();
        server.Intercept = (_, request) => request <= 6 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : null;
        var settings = TestAgent.Settings(dir, server.Url);
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await using var agent = await TestAgent.StartAsync(settings, logs);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        // One retry layer: six refused passes were six requests, not six times a pipeline's own retries.
        Assert.Equal((7, 6L), (server.Requests, agent.Status.Snapshot().Upload.Failures));
        Assert.Equal(keys, server.Ledger.Keys.ToHashSet());
        var waits = logs.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"upload failed .* next try in (\S+)$"))
            .Where(m => m.Success)
            .Select(m => TimeSpan.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(6, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.Parse(settings["Upload:MaxRetryDelay"]!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_busy_server_429_is_waited_out_sets_nothing_aside_and_opens_no_circuit()
    {
        using var dir = new TempDirectory();
        var keys = Fill(dir, 5, "T01", "T02");
        await using var server = await FakeIngestServer.StartAsync();
        // Ten 429s in a row: counted by the circuit (8 calls, all failed) they would open it.
        server.Intercept = (_, request) => request <= 10
            ? Results.Problem(title: "Too many requests", detail: "store-test made more than Limits:StoreRequestsPerWindow requests", statusCode: StatusCodes.Status429TooManyRequests)
            : null;
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await using var agent = await TestAgent.StartAsync(TestAgent.Settings(dir, server.Url), logs);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(keys, server.Ledger.Keys.ToHashSet());
        var snapshot = agent.Status.Snapshot();
        Assert.Equal((10L, 0L, 0L), (snapshot.Upload.Failures, snapshot.Upload.Rejected, snapshot.RejectedCount));
        Assert.Equal(11, server.Requests);
        Assert.DoesNotContain(logs, l => l.Contains("circuit", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(logs, l => l.Contains("busy, HTTP 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_413_halves_the_batch_and_a_single_sale_still_too_large_is_set_aside_with_the_reason()
    {
        using var dir = new TempDirectory();
        var keys = Fill(dir, 20, "T01", "T02");
        await using var server = await FakeIngestServer.StartAsync();
        const string TooLarge = "The body is larger than Limits:MaxIngestBodyBytes (8192 bytes)";
        // The server takes at most 10 sales a batch, and never T02-3.
        server.Intercept = (batch, _) => batch.Sales.Count > 10 || batch.Sales.Any(s => s.ReceiptNumber == "T02-3")
            ? Results.Problem(title: "Request body too large", detail: TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge)
            : null;

        await using var agent = await TestAgent.StartAsync(TestAgent.Settings(dir, server.Url));
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        var rejected = Assert.Single(agent.Outbox.Rejected.Read());
        Assert.Equal(("T02-3", TooLarge), (rejected.Sale.ReceiptNumber, rejected.Reason));
        keys.Remove(rejected.Key);
        Assert.Equal(keys, server.Ledger.Keys.ToHashSet());
        Assert.All(server.AckedBatchSizes, n => Assert.InRange(n, 1, 10));
        Assert.Equal(0L, agent.Status.Snapshot().Upload.Failures);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest)]
    [InlineData(StatusCodes.Status409Conflict)] // sequence-conflict: the sale reuses a recorded sequence with other content
    public async Task A_sale_the_server_refuses_goes_to_the_rejected_table_and_the_others_are_acked(int status)
    {
        using var dir = new TempDirectory();
        var keys = Fill(dir, 5, "T01", "T02");
        await using var server = await FakeIngestServer.StartAsync();
        server.Intercept = (batch, _) => batch.Sales.Any(s => s.ReceiptNumber == "T02-3")
            ? Results.Problem(title: "Invalid sale", detail: "T02#8: item 6920433218190 is not in the catalog", statusCode: status)
            : null;

        await using var agent = await TestAgent.StartAsync(TestAgent.Settings(dir, server.Url));
        await Eventually.Holds(
            () => agent.Outbox.Queue.Depth == 0 && agent.Status.Snapshot().Upload is { Acked: 9, Rejected: 1 },
            "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        var rejected = Assert.Single(agent.Outbox.Rejected.Read());
        Assert.Equal(new SaleKey("T02", agent.Outbox.Seq(4)), rejected.Key);
        Assert.Equal("T02#8: item 6920433218190 is not in the catalog", rejected.Reason);
        keys.Remove(new SaleKey("T02", agent.Outbox.Seq(4)));
        Assert.Equal(keys, server.Ledger.Keys.ToHashSet());
        var snapshot = agent.Status.Snapshot();
        Assert.Equal((9L, 1L, 1L), (snapshot.Upload.Acked, snapshot.Upload.Rejected, snapshot.RejectedCount));
    }

    [Fact]
    public async Task A_wrong_store_key_keeps_everything_and_is_reported()
    {
        using var dir = new TempDirectory();
        Fill(dir, 3, "T01");
        await using var server = await FakeIngestServer.StartAsync(storeKey: "the-real-key");

        await using var agent = await TestAgent.StartAsync(TestAgent.Settings(dir, server.Url));
        await Eventually.Holds(() => agent.Status.Snapshot().Upload.AuthFailures >= 2, "two refused uploads", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, agent.Outbox.Queue.Depth);
        Assert.Equal(0, agent.Outbox.Rejected.Count);
        Assert.Empty(server.Ledger);
        Assert.Contains("wrong key", agent.Status.Snapshot().Upload.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_keeps_everything_in_the_outbox()
    {
        using var dir = new TempDirectory();
        Fill(dir, 4, "T01");

        await using var agent = await TestAgent.StartAsync(TestAgent.Settings(dir));
        await Eventually.Holds(() => agent.Status.Snapshot().Upload.Failures >= 2, "two failed upload passes", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, agent.Outbox.Queue.Depth);
        Assert.NotNull(agent.Status.Snapshot().Upload.LastError);
    }

    [Fact]
    public async Task A_server_clock_further_off_than_ClockSkewWarnAfter_is_measured_and_warned_about_once()
    {
        using var dir = new TempDirectory();
        Fill(dir, 3, "T01");
        await using var server = await FakeIngestServer.StartAsync();
        server.ClockOffset = TimeSpan.FromMinutes(5);
        var settings = TestAgent.Settings(dir, server.Url);
        settings["Agent:BatchSize"] = "1";
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await using var agent = await TestAgent.StartAsync(settings, logs);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        var skew = agent.Status.Snapshot().Upload.ServerClockSkew;
        Assert.NotNull(skew);
        Assert.InRange(skew.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        var warnings = logs.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("ClockSkewWarnAfter", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);   // three acks, one warning: a PC that stays wrong does not flood the log
        // The figure is the server's time less this PC's when the answer arrived: 300 s less the round trip, however slow.
        var said = System.Text.RegularExpressions.Regex.Match(warnings[0], @"the server's clock is (?<seconds>[0-9.]+) s away");
        Assert.True(said.Success, warnings[0]);
        Assert.InRange(double.Parse(said.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture), 240, 301);
    }
}
