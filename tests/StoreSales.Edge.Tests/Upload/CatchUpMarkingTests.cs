using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Edge.Tests.Outbox;
using StoreSales.Edge.Upload;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Upload;

/// <summary>
/// The agent tells the server which batches are backlog (<see cref="SaleBatch.CatchUp"/>), so that after a chain-wide
/// reconnect the server can serve what the tills ring up now before yesterday's backlog.
/// </summary>
public sealed class CatchUpMarkingTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static OutboxEntry Entry(string terminal, long sequence, TimeSpan waited) =>
        new(SqliteOutboxTests.Sale(terminal, $"{terminal}-{sequence}") with { Sequence = sequence }, Now - waited);

    [Fact]
    public void A_batch_is_catch_up_only_when_even_its_newest_sale_waited_longer_than_CatchUpAfter()
    {
        var after = TimeSpan.FromSeconds(30);

        Assert.False(CatchUpRule.IsCatchUp([Entry("T01", 1, TimeSpan.FromSeconds(1))], Now, after));
        Assert.False(CatchUpRule.IsCatchUp([Entry("T01", 1, after)], Now, after));   // exactly at the bound is still live
        Assert.True(CatchUpRule.IsCatchUp([Entry("T01", 1, after + TimeSpan.FromSeconds(1))], Now, after));
        Assert.True(CatchUpRule.IsCatchUp([Entry("T01", 1, TimeSpan.FromHours(5)), Entry("T01", 2, TimeSpan.FromHours(4))], Now, after));

        // A backlogged terminal's sale and a live terminal's sale share the batch: live, so the live sale is not queued behind backlog.
        Assert.False(CatchUpRule.IsCatchUp([Entry("T01", 1, TimeSpan.FromHours(5)), Entry("T02", 1, TimeSpan.FromSeconds(2))], Now, after));
        Assert.False(CatchUpRule.IsCatchUp([], Now, after));
    }

    [Fact]
    public async Task A_live_sale_goes_unmarked_and_a_backlog_goes_as_catch_up()
    {
        using var dir = new TempDirectory();
        // The backlog was written an hour ago (an outage); the agent then runs on the real clock.
        var anHourAgo = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
        using (var outbox = new SqliteOutbox(dir.File("outbox.db"), anHourAgo))
        {
            for (var i = 0; i < 30; i++)
            {
                outbox.Queue.Append(SqliteOutboxTests.Sale("T01", $"T01-{i}"));
            }
        }

        await using var server = await FakeIngestServer.StartAsync();
        var batches = new ConcurrentQueue<(bool CatchUp, string[] Receipts)>();
        server.Intercept = (batch, _) =>
        {
            batches.Enqueue((batch.CatchUp, [.. batch.Sales.Select(s => s.ReceiptNumber!)]));
            return null;
        };
        var settings = TestAgent.Settings(dir, server.Url);
        settings["Agent:BatchSize"] = "10";
        settings["Agent:CatchUpAfter"] = "00:05:00";

        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the backlog to drain", cancellationToken: TestContext.Current.CancellationToken);
        agent.Outbox.Queue.Append(SqliteOutboxTests.Sale("T02", "T02-live"));
        await Eventually.Holds(() => server.Ledger.ContainsKey(new SaleKey("T02", agent.Outbox.Seq(1))), "the live sale to be acked", cancellationToken: TestContext.Current.CancellationToken);

        var sent = batches.ToList();
        Assert.Equal(4, sent.Count);
        Assert.All(sent.Take(3), b => Assert.True(b.CatchUp, $"backlog batch {string.Join(',', b.Receipts)} should be catch-up"));
        Assert.False(sent[3].CatchUp);
        Assert.Equal(["T02-live"], sent[3].Receipts);
    }

    [Theory]
    [InlineData(20)]   // a short pause
    [InlineData(90)]   // a long one, still within Upload:MaxRetryDelay
    public async Task A_503_with_Retry_After_is_honoured_the_batch_is_sent_again_after_the_delay_and_nothing_is_dropped(int retryAfterSeconds)
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var keys = new HashSet<SaleKey>();
        using (var outbox = new SqliteOutbox(dir.File("outbox.db"), clock))
        {
            for (var i = 0; i < 5; i++)
            {
                keys.Add(new SaleKey("T01", outbox.Queue.Append(SqliteOutboxTests.Sale("T01", $"T01-{i}"))));
            }
        }

        await using var server = await FakeIngestServer.StartAsync();
        var retryAfter = TimeSpan.FromSeconds(retryAfterSeconds);
        var requestTimes = new ConcurrentQueue<DateTimeOffset>();
        server.Intercept = (_, request) =>
        {
            requestTimes.Enqueue(clock.GetUtcNow());
            return request == 1 ? new ServiceUnavailable((int)retryAfter.TotalSeconds) : null;
        };
        var settings = TestAgent.Settings(dir, server.Url);
        // Only the Retry-After may decide when the batch goes again; the fake clock must not time the attempt out.
        settings["Upload:AttemptTimeout"] = "01:00:00";
        settings["Agent:HeartbeatInterval"] = "00:01:00";
        settings["Upload:MaxRetryDelay"] = "00:02:00";

        await using var agent = await TestAgent.StartAsync(settings, time: clock);
        await Eventually.Holds(() => server.Requests >= 1, "the first attempt", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(5, agent.Outbox.Queue.Depth);   // refused: everything kept

        // The agent's clock moves only when the test moves it: a second at a time, until the batch comes again.
        await Eventually.Holds(
            () =>
            {
                if (server.Requests >= 2)
                {
                    return true;
                }

                clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            },
            "the batch to be sent again", cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the outbox to empty", cancellationToken: TestContext.Current.CancellationToken);

        var times = requestTimes.ToArray();
        Assert.True(times[1] - times[0] >= retryAfter, $"sent again after {times[1] - times[0]}, the server asked for {retryAfter}");
        Assert.Equal(keys, server.Ledger.Keys.ToHashSet());
        Assert.Equal(2, server.Received[new SaleKey("T01", agent.Outbox.Seq(1))]);   // the refused attempt and the acked one, nothing more
    }

    /// <summary>503 with <c>Retry-After: seconds</c>, as an overloaded ingest API answers.</summary>
    private sealed class ServiceUnavailable(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }
}
