using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Commands;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Edge.Tests.Outbox;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Commands;

public sealed class RejectedCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Rejected(SqliteOutbox outbox, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RejectedCommand.Run(args, outbox, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Three sales of T01; the server refused 1 and 3.</summary>
    private static SqliteOutbox OutboxWithRejections(TempDirectory dir)
    {
        var outbox = new SqliteOutbox(dir.File("outbox.db"));
        foreach (var receipt in (string[])["R-1", "R-2", "R-3"])
        {
            outbox.Queue.Append(SqliteOutboxTests.Sale("T01", receipt, 12.50m));
        }

        outbox.Rejected.Reject(new SaleKey("T01", outbox.Seq(1)), "Item code '' is empty");
        outbox.Rejected.Reject(new SaleKey("T01", outbox.Seq(3)), "Total does not match the tenders");
        return outbox;
    }

    [Fact]
    public async Task It_lists_each_rejected_sale_with_its_id_and_the_server_reason()
    {
        using var dir = new TempDirectory();
        using var outbox = OutboxWithRejections(dir);

        var (exit, output, _) = await Rejected(outbox);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"T01:{outbox.Seq(1)}\treceipt R-1\ttotal 12.50", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("reason: Item code '' is empty", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"T01:{outbox.Seq(3)}\treceipt R-3", lines[1], StringComparison.Ordinal);
        Assert.Contains("reason: Total does not match the tenders", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2 rejected sales", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requeue_by_id_puts_the_sale_back_under_its_own_sequence_and_an_unknown_id_moves_nothing()
    {
        using var dir = new TempDirectory();
        using var outbox = OutboxWithRejections(dir);

        var unknown = await Rejected(outbox, "requeue", $"T01:{outbox.Seq(3)}", $"T01:{outbox.Seq(2)}");
        var one = await Rejected(outbox, "requeue", $"T01:{outbox.Seq(3)}");
        var malformed = await Rejected(outbox, "requeue", "T01-3");

        Assert.Equal(1, unknown.Exit);
        Assert.Contains($"not in the rejected table: T01:{outbox.Seq(2)}; nothing was requeued", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, one.Exit);
        Assert.Equal(64, malformed.Exit);
        Assert.Equal([2L, 3L], outbox.Queue.PeekFair(10).Select(e => EpochSequences.Number(e.Sale.Sequence)));
        Assert.Equal("R-3", outbox.Queue.PeekFair(10)[1].Sale.ReceiptNumber);
        Assert.Equal([new SaleKey("T01", outbox.Seq(1))], outbox.Rejected.Read().Select(r => r.Key));
        Assert.Equal(outbox.Seq(3), outbox.Queue.LastSequence("T01"));   // requeueing assigns no new sequence
    }

    [Fact]
    public async Task Requeue_all_sends_them_again_with_the_same_identity()
    {
        using var dir = new TempDirectory();
        using (var outbox = OutboxWithRejections(dir))
        {
            var (exit, output, _) = await Rejected(outbox, "requeue", "--all");
            Assert.Equal(0, exit);
            Assert.StartsWith("2 rejected sales back in the upload queue", output, StringComparison.Ordinal);
            Assert.Equal(0, outbox.Rejected.Count);
        }

        await using var server = await FakeIngestServer.StartAsync();
        await using var agent = await TestAgent.StartAsync(TestAgent.Settings(dir, server.Url));
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0, "the requeued sales to be uploaded", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["T01:1:R-1", "T01:2:R-2", "T01:3:R-3"], server.Ledger.Values.Select(s => $"{s.TerminalId}:{EpochSequences.Number(s.Sequence)}:{s.ReceiptNumber}").Order());
    }
}
