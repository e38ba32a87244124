using Microsoft.Data.Sqlite;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Outbox;

public sealed class SqliteOutboxTests
{
    internal static SaleRecord Sale(string terminal, string receipt, decimal total = 1.00m) => new()
    {
        TerminalId = terminal,
        ReceiptNumber = receipt,
        RungUpAt = new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(8)),
        CapturedAt = DateTimeOffset.UtcNow,
        Total = total,
        Lines = [new SaleLineRecord { LineNumber = 1, ItemCode = "6920433218190", Quantity = 1, UnitPrice = total, Amount = total }],
        Tenders = [new TenderRecord { Method = "cash", Amount = total }],
    };

    [Fact]
    public void Sequences_are_per_terminal_survive_reopening_and_are_never_reused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("outbox.db");

        using (var outbox = new SqliteOutbox(path))
        {
            Assert.Equal(outbox.Seq(1), outbox.Queue.Append(Sale("T01", "a")));
            Assert.Equal(outbox.Seq(2), outbox.Queue.Append(Sale("T01", "b")));
            Assert.Equal(outbox.Seq(1), outbox.Queue.Append(Sale("T02", "c")));
            Assert.Equal(outbox.Seq(3), outbox.Queue.Append(Sale("T01", "d")));

            // Everything of T01 is acked and deleted: its sequence must still not start over.
            Assert.Equal(3, outbox.Queue.Remove([new SaleKey("T01", outbox.Seq(1)), new SaleKey("T01", outbox.Seq(2)), new SaleKey("T01", outbox.Seq(3))]));
            Assert.Equal(1, outbox.Queue.Depth);
        }

        using (var reopened = new SqliteOutbox(path))
        {
            Assert.Equal(reopened.Seq(3), reopened.Queue.LastSequence("T01"));
            Assert.Equal(reopened.Seq(4), reopened.Queue.Append(Sale("T01", "e")));
            Assert.Equal(reopened.Seq(2), reopened.Queue.Append(Sale("T02", "f")));
            Assert.Equal(
                [("T02", 1L, "c"), ("T01", 4L, "e"), ("T02", 2L, "f")],
                reopened.Queue.PeekOldest(10).Select(e => (e.Sale.TerminalId, EpochSequences.Number(e.Sale.Sequence), e.Sale.ReceiptNumber!)));
        }
    }

    [Fact]
    public void The_database_is_in_WAL_mode_with_the_expected_tables()
    {
        using var dir = new TempDirectory();
        var path = dir.File("outbox.db");
        long first;
        using (var outbox = new SqliteOutbox(path))
        {
            first = outbox.Queue.Append(Sale("T01", "a"));
        }

        using var raw = new SqliteConnection($"Data Source={path};Pooling=False");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);";
        Assert.Equal("open_sale_lines,outbox,outbox_epoch,rejected,scan_sequence,scans,terminal_sequence,unparsed_receipts,z_reports", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT json_extract(payload, '$.sequence') || ':' || json_extract(payload, '$.receiptNumber') FROM outbox;";
        Assert.Equal($"{first}:a", cmd.ExecuteScalar());
    }

    [Fact]
    public void Remove_deletes_exactly_the_given_keys()
    {
        using var dir = new TempDirectory();
        using var outbox = new SqliteOutbox(dir.File("outbox.db"));
        for (var i = 0; i < 5; i++)
        {
            outbox.Queue.Append(Sale("T01", $"r{i}"));
        }

        Assert.Equal(2, outbox.Queue.Remove([new SaleKey("T01", outbox.Seq(2)), new SaleKey("T01", outbox.Seq(4)), new SaleKey("T09", outbox.Seq(1))]));
        Assert.Equal([1L, 3L, 5L], outbox.Queue.PeekOldest(10).Select(e => EpochSequences.Number(e.Sale.Sequence)));
        Assert.Equal([1L, 3L], outbox.Queue.PeekOldest(2).Select(e => EpochSequences.Number(e.Sale.Sequence)));
    }

    [Fact]
    public void A_rejected_sale_is_kept_with_its_reason_and_can_be_requeued()
    {
        using var dir = new TempDirectory();
        using var outbox = new SqliteOutbox(dir.File("outbox.db"));
        outbox.Queue.Append(Sale("T01", "good"));
        outbox.Queue.Append(Sale("T01", "bad"));

        Assert.True(outbox.Rejected.Reject(new SaleKey("T01", outbox.Seq(2)), "unknown item"));
        Assert.False(outbox.Rejected.Reject(new SaleKey("T01", outbox.Seq(2)), "again"));

        Assert.Equal(1, outbox.Queue.Depth);
        var rejected = Assert.Single(outbox.Rejected.Read());
        Assert.Equal(("bad", 2L, "unknown item"), (rejected.Sale.ReceiptNumber!, EpochSequences.Number(rejected.Sale.Sequence), rejected.Reason));

        Assert.Equal(1, outbox.Rejected.RequeueAll());
        Assert.Equal(0, outbox.Rejected.Count);
        Assert.Equal([1L, 2L], outbox.Queue.PeekOldest(10).Select(e => EpochSequences.Number(e.Sale.Sequence)));
    }
}
