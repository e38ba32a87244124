using System.Collections.Concurrent;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Edge.Tests.Outbox;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Upload;

/// <summary>After an outage, one terminal's backlog must not keep another terminal's live sales waiting.</summary>
public sealed class CatchUpFairnessTests
{
    private static void Append(SqliteOutbox outbox, string terminal, int count)
    {
        for (var i = 0; i < count; i++)
        {
            outbox.Queue.Append(SqliteOutboxTests.Sale(terminal, $"{terminal}-{i}"));
        }
    }

    [Fact]
    public void A_batch_is_shared_round_robin_between_terminals_each_oldest_first()
    {
        using var dir = new TempDirectory();
        using var outbox = new SqliteOutbox(dir.File("outbox.db"));
        Append(outbox, "T01", 300);   // a day's backlog
        Append(outbox, "T02", 3);     // sold live after the outage
        Append(outbox, "T03", 1);

        var batch = outbox.Queue.PeekFair(100).Select(e => (e.Sale.TerminalId, Sequence: EpochSequences.Number(e.Sale.Sequence))).ToList();

        Assert.Equal(100, batch.Count);
        Assert.Equal([("T01", 1L), ("T02", 1L), ("T03", 1L), ("T01", 2L), ("T02", 2L), ("T01", 3L), ("T02", 3L), ("T01", 4L)], batch.Take(8));
        Assert.Equal(Enumerable.Range(1, 96).Select(i => (long)i), batch.Where(k => k.TerminalId == "T01").Select(k => k.Sequence));

        // The next batch goes on where this one stopped, still in each terminal's order.
        outbox.Queue.Remove(batch.Select(k => new SaleKey(k.TerminalId, outbox.Seq(k.Sequence))));
        Assert.Equal(Enumerable.Range(97, 50).Select(i => (long)i), outbox.Queue.PeekFair(50).Select(e => EpochSequences.Number(e.Sale.Sequence)));
    }

    [Fact]
    public async Task Live_sales_of_one_terminal_go_up_in_the_first_batch_while_another_terminal_catches_up_in_order()
    {
        using var dir = new TempDirectory();
        using (var outbox = new SqliteOutbox(dir.File("outbox.db")))
        {
            Append(outbox, "T01", 600);
            Append(outbox, "T02", 2);
        }

        await using var server = await FakeIngestServer.StartAsync();
        var batches = new ConcurrentQueue<IReadOnlyList<SaleKey>>();
        server.Intercept = (batch, _) =>
        {
            batches.Enqueue([.. batch.Sales.Select(s => new SaleKey(s.TerminalId, EpochSequences.Number(s.Sequence)))]);
            return null;
        };
        var settings = TestAgent.Settings(dir, server.Url);
        settings["Agent:BatchSize"] = "100";

        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the backlog to drain", cancellationToken: TestContext.Current.CancellationToken);

        // An upload whose answer timed out on a loaded machine is sent again as the same batch (nothing left the outbox):
        // the server takes it as a duplicate, and it is counted here once.
        var sent = batches.Aggregate(new List<IReadOnlyList<SaleKey>>(), (kept, batch) =>
        {
            if (kept.Count == 0 || !kept[^1].SequenceEqual(batch))
            {
                kept.Add(batch);
            }

            return kept;
        });
        Assert.Equal(7, sent.Count);
        Assert.Equal([new SaleKey("T02", 1), new SaleKey("T02", 2)], sent[0].Where(k => k.TerminalId == "T02"));
        var t01 = sent.SelectMany(b => b).Where(k => k.TerminalId == "T01").Select(k => k.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 600).Select(i => (long)i), t01);   // the server's sequence log gets each terminal in order
    }
}
