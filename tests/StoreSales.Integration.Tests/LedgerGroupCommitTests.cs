using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.Integration.Tests;

/// <summary>
/// The group-commit ledger writer on a real PostgreSQL. To put several batches into one group for certain, a test
/// holds a lock on the rollup's pending tables while the writer's first group waits for it; what is appended meanwhile queues,
/// and becomes the next group when the lock goes. Sales written in one group share their <c>received_at</c> (the
/// transaction's time), which is how a test sees which batches went together. One test runs two writers at once.
/// </summary>
public sealed class LedgerGroupCommitTests : IAsyncLifetime
{
    private const string Tea = "6920433218190";
    private const string Rice = "6993503056411";
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-30);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // The tests that hold the writer to form a group need the one writer held: a second would take the next batch.
    private static readonly LedgerWriterOptions OneWriter = new() { Writers = 1 };

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.Create("ledgergroup");

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_sale_sent_twice_in_one_group_is_recorded_once_with_the_first_copys_lines()
    {
        await using var ledger = new SaleLedger(_database.DataSource, OneWriter);
        var first = Batch("T01", 1, 3, Tea);
        var again = Batch("T01", 2, 4, Tea); // sales 2 and 3 again (a retry racing its original), and a new sale 4

        var (a, b) = await WhileWriterWaits(ledger, () => (ledger.Append("store-sh001", first, Cancel), ledger.Append("store-sh001", again, Cancel)));

        Assert.Equal([1L, 2, 3], (await a).Select(k => k.Sequence).Order());
        Assert.Equal([4L], (await b).Select(k => k.Sequence));
        Assert.Equal(4, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh001' AND terminal_id = 'T01'"));
        Assert.Equal(8, await _database.Count("SELECT count(*) FROM sale_line WHERE store_id = 'store-sh001' AND terminal_id = 'T01'"));
        Assert.Equal(Tea, await Scalar<string>("SELECT item_code FROM sale_line WHERE terminal_id = 'T01' AND sequence = 2 AND line_number = 1"));
        Assert.Equal(1, await _database.Count("SELECT count(DISTINCT received_at) FROM sale WHERE store_id = 'store-sh001' AND terminal_id = 'T01'"));
        await AssertRollupEqualsLedger();
    }

    [Fact]
    public async Task A_recorded_sequence_sent_with_other_content_refuses_its_whole_batch_and_names_it()
    {
        await using var ledger = new SaleLedger(_database.DataSource);
        await ledger.Append("store-sh002", Batch("T05", 1, 3, Tea), Cancel);

        // Sale 2 again with other lines (another sale under a used sequence), beside a new sale 4.
        var conflict = await Assert.ThrowsAsync<SaleSequenceConflictException>(() => ledger.Append("store-sh002", Batch("T05", 2, 4, Rice)[..1].Concat(Batch("T05", 4, 4, Tea)).ToList(), Cancel));
        var same = await ledger.Append("store-sh002", Batch("T05", 1, 3, Tea), Cancel);

        Assert.Equal([new SaleKey("T05", 2)], conflict.Conflicts);
        Assert.Empty(same); // the true duplicate stays a harmless ack
        Assert.Equal(3, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh002' AND terminal_id = 'T05'"));
        Assert.Equal(Tea, await Scalar<string>("SELECT item_code FROM sale_line WHERE store_id = 'store-sh002' AND terminal_id = 'T05' AND sequence = 2 AND line_number = 1"));
        Assert.Equal(3, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh002' AND terminal_id = 'T05' AND content_hash IS NOT NULL"));
        await AssertRollupEqualsLedger();
    }

    [Fact]
    public async Task Two_batches_of_one_group_disagreeing_on_a_sale_keep_the_first_and_refuse_the_second()
    {
        await using var ledger = new SaleLedger(_database.DataSource, OneWriter);

        var (first, second) = await WhileWriterWaits(ledger, () => (
            ledger.Append("store-sh002", Batch("T06", 1, 2, Tea), Cancel),
            ledger.Append("store-sh002", Batch("T06", 2, 3, Rice), Cancel)));

        Assert.Equal([1L, 2], (await first).Select(k => k.Sequence).Order());
        Assert.Equal([new SaleKey("T06", 2)], (await Assert.ThrowsAsync<SaleSequenceConflictException>(() => second)).Conflicts);
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh002' AND terminal_id = 'T06'"));
        await AssertRollupEqualsLedger();
    }

    [Fact]
    public async Task A_batch_sent_again_in_a_later_group_adds_only_what_is_new()
    {
        await using var ledger = new SaleLedger(_database.DataSource);

        var first = await ledger.Append("store-sh002", Batch("T02", 1, 5, Tea), Cancel);
        var retry = await ledger.Append("store-sh002", Batch("T02", 1, 6, Tea), Cancel);
        var same = await ledger.Append("store-sh002", Batch("T02", 1, 6, Tea), Cancel);

        Assert.Equal(5, first.Count);
        Assert.Equal([6L], retry.Select(k => k.Sequence));
        Assert.Empty(same);
        Assert.Equal(6, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh002' AND terminal_id = 'T02'"));
        await AssertRollupEqualsLedger();
    }

    [Fact]
    public async Task A_group_is_copied_straight_into_the_ledger_unless_it_holds_a_recorded_sale()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var paths = new List<(string Path, int Sales)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "storesales.ledger.group.sales")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, sales, tags, _) =>
        {
            lock (paths)
            {
                paths.Add(((string)tags.ToArray().Single(t => t.Key == "path").Value!, sales));
            }
        });
        listener.Start();
        await using var ledger = new SaleLedger(_database.DataSource, OneWriter, meters: meters);

        // A weighed item with more decimals than the ledger keeps: the rollup adds what the ledger stores.
        IReadOnlyList<SaleRecord> weighed = [.. Batch("T03", 1, 3, Tea), Sale("T03", 4, At, ("SKU-APPLE-KG", 1.23456m, 9.99m), (Tea, 0.0005m, 3.50m))];
        var fresh = await ledger.Append("store-hz001", weighed, Cancel);
        var retry = await ledger.Append("store-hz001", [.. weighed.Skip(2), .. Batch("T03", 5, 6, Rice)], Cancel); // 3 and 4 recorded already

        Assert.Equal([1L, 2, 3, 4], fresh.Select(k => k.Sequence).Order());
        Assert.Equal([5L, 6], retry.Select(k => k.Sequence).Order());
        // The writer counts a group's path as it finishes the group, beside the appends it answers: read the counts once
        // both are in, from a copy (enumerating the list while the listener adds to it failed a run).
        await Eventually.Holds(() => { lock (paths) { return paths.Count >= 2; } }, "both groups counted", TimeSpan.FromSeconds(10), Cancel);
        (string Path, int Sales)[] counted;
        lock (paths)
        {
            counted = [.. paths];
        }

        Assert.Equal([("copied", 4), ("staged", 4)], counted);
        Assert.Equal(1.235m, await Scalar<decimal>("SELECT quantity FROM sale_line WHERE terminal_id = 'T03' AND sequence = 4 AND line_number = 1"));
        Assert.Equal(6, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-hz001' AND terminal_id = 'T03'"));
        await AssertRollupEqualsLedger();
    }

    [Fact]
    public async Task Live_batches_go_before_catch_up_and_catch_up_keeps_its_share()
    {
        // Groups of at most 20 sales, a quarter kept for catch-up: 15 for live while a backlog waits.
        await using var ledger = new SaleLedger(_database.DataSource, new LedgerWriterOptions { GroupMaxSales = 20, CatchUpShare = 0.25, Writers = 1 });

        var tasks = await WhileWriterWaits(ledger, () => new[]
        {
            ledger.Append("store-sz001", Batch("X1", 1, 10, Tea), IngestLane.CatchUp, Cancel),
            ledger.Append("store-sz001", Batch("X2", 1, 10, Tea), IngestLane.CatchUp, Cancel),
            ledger.Append("store-sz001", Batch("X3", 1, 10, Tea), IngestLane.CatchUp, Cancel),
            ledger.Append("store-sz001", Batch("X4", 1, 10, Tea), IngestLane.CatchUp, Cancel),
            ledger.Append("store-sz001", Batch("L1", 1, 10, Rice), IngestLane.Live, Cancel),
            ledger.Append("store-sz001", Batch("L2", 1, 10, Rice), IngestLane.Live, Cancel),
        });
        await Task.WhenAll(tasks);

        var groups = await GroupsOf("terminal_id IN ('X1','X2','X3','X4','L1','L2')");

        // Sent last, each live batch went first; each group took one catch-up batch beside it; the rest drained after.
        Assert.Equal(["L1+X1", "L2+X2", "X3+X4"], groups);
    }

    [Fact]
    public async Task While_one_writer_writes_a_backlog_a_live_batch_is_written_alone_by_the_other()
    {
        await using var ledger = new SaleLedger(_database.DataSource, new LedgerWriterOptions { Writers = 2 });

        // The first catch-up batch's group waits for a sale another transaction is inserting under one of its keys.
        await using var blocker = await _database.DataSource.OpenConnectionAsync(Cancel);
        await using var hold = await blocker.BeginTransactionAsync(Cancel);
        await blocker.ExecuteAsync(
            "INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) VALUES ('store-sz001', 'Y1', 1, 'sale', now(), now(), 0)",
            transaction: hold);
        var backlog = ledger.Append("store-sz001", Batch("Y1", 1, 10, Tea), IngestLane.CatchUp, Cancel);
        await Eventually.Holds(
            async () => await Scalar<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'COPY sale %'") > 0,
            "the backlog's group waits on the held key",
            cancellationToken: Cancel);

        // More backlog waits for a writer; a live batch is taken by the free one, alone, and acknowledged meanwhile.
        var moreBacklog = ledger.Append("store-sz001", Batch("Y2", 1, 10, Tea), IngestLane.CatchUp, Cancel);
        var live = await ledger.Append("store-sz001", Batch("L9", 1, 10, Rice), IngestLane.Live, Cancel);

        Assert.Equal(10, live.Count);
        Assert.False(backlog.IsCompleted);
        Assert.Equal(0, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sz001' AND terminal_id = 'Y2'"));

        await hold.RollbackAsync(Cancel);
        Assert.Equal(10, (await backlog).Count);
        Assert.Equal(10, (await moreBacklog).Count);
        Assert.Equal(["L9", "Y1", "Y2"], (await GroupsOf("terminal_id IN ('Y1','Y2','L9')")).Order(StringComparer.Ordinal));
        await AssertRollupEqualsLedger();
    }

    [Fact]
    public async Task A_batch_is_told_how_long_it_waited_for_a_writer_and_how_long_its_group_took()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ledger = new SaleLedger(_database.DataSource, OneWriter, clock: clock);

        // The one writer's group waits on the held pending tables for 2 s of the ledger's clock; the next batch waits
        // for the writer all that time, and its own group then takes no time on that clock.
        var (first, waiting) = await WhileWriterWaitsOn(
            () => ledger.AppendTimed("store-gz001", Batch("Q1", 1, 1, Tea), IngestLane.Live, Cancel),
            () =>
            {
                var next = ledger.AppendTimed("store-gz001", Batch("Q2", 1, 3, Tea), IngestLane.Live, Cancel);
                clock.Advance(TimeSpan.FromSeconds(2));
                return next;
            });
        var second = await waiting;

        Assert.Equal((1, TimeSpan.Zero, TimeSpan.FromSeconds(2)), (first.Inserted.Count, first.Queued, first.Writing));
        Assert.Equal((3, TimeSpan.FromSeconds(2), TimeSpan.Zero), (second.Inserted.Count, second.Queued, second.Writing));
    }

    [Fact]
    public async Task A_batch_that_cannot_be_written_fails_alone_and_its_group_is_recorded()
    {
        await using var ledger = new SaleLedger(_database.DataSource, OneWriter);

        var (good, bad) = await WhileWriterWaits(ledger, () => (
            ledger.Append("store-hz001", Batch("T03", 1, 2, Tea), Cancel),
            ledger.Append("store-not-in-master-data", Batch("T03", 1, 2, Tea), Cancel)));

        Assert.Equal(2, (await good).Count);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => bad);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal(2, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-hz001' AND terminal_id = 'T03'"));
    }

    [Fact]
    public async Task While_more_live_sales_wait_than_the_busy_threshold_a_group_grows_to_the_busy_size()
    {
        // One writer, groups of 20, 40 while more than 20 wait: six live batches of 10 wait (60), so the first group takes four.
        await using var ledger = new SaleLedger(_database.DataSource, new LedgerWriterOptions { GroupMaxSales = 20, BusyGroupMaxSales = 40, BusyLiveSalesWaiting = 20, Writers = 1 });

        var tasks = await WhileWriterWaits(ledger, () => Enumerable.Range(1, 6)
            .Select(n => ledger.Append("store-sz001", Batch($"B{n}", 1, 10, Tea), IngestLane.Live, Cancel))
            .ToArray());
        await Task.WhenAll(tasks);

        var groups = await GroupsOf("terminal_id LIKE 'B_'");

        // 60 waiting: busy, a group of 40; then 20 waiting, not more than the threshold: an ordinary group of 20.
        Assert.Equal(["B1+B2+B3+B4", "B5+B6"], groups);
    }

    [Fact]
    public async Task Two_writers_record_every_sale_of_concurrent_overlapping_batches_once()
    {
        await using var ledger = new SaleLedger(_database.DataSource, new LedgerWriterOptions { Writers = 2, GroupMaxSales = 40, BusyGroupMaxSales = 40 });

        // 40 agents, each sending sales 1–20 of its own terminal twice over in overlapping batches, all at once.
        var sends = Enumerable.Range(0, 40).SelectMany(t => new[]
        {
            ledger.Append("store-sz001", Batch($"Z{t:D2}", 1, 12, Tea), Cancel),
            ledger.Append("store-sz001", Batch($"Z{t:D2}", 8, 20, Tea), Cancel),
            ledger.Append("store-sz001", Batch($"Z{t:D2}", 1, 20, Tea), IngestLane.CatchUp, Cancel),
        }).ToList();
        var answers = await Task.WhenAll(sends);

        Assert.Equal(40 * 20, answers.Sum(a => a.Count));
        Assert.Equal(40 * 20, await _database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sz001' AND terminal_id LIKE 'Z%'"));
        Assert.Equal(40 * 20 * 2, await _database.Count("SELECT count(*) FROM sale_line WHERE store_id = 'store-sz001' AND terminal_id LIKE 'Z%'"));
        Assert.True(await _database.Count("SELECT count(DISTINCT received_at) FROM sale WHERE terminal_id LIKE 'Z%'") > 1, "more than one group");
        await AssertRollupEqualsLedger();
    }

    [Fact]
    public async Task A_full_lane_refuses_more_and_says_which()
    {
        await using var ledger = new SaleLedger(_database.DataSource, new LedgerWriterOptions { MaxWaitingCatchUp = 1, Writers = 1 });

        var (waiting, refused) = await WhileWriterWaits(ledger, () =>
        {
            var accepted = ledger.Append("store-xm001", Batch("T04", 1, 1, Tea), IngestLane.CatchUp, Cancel);
            var busy = ledger.Append("store-xm001", Batch("T04", 2, 2, Tea), IngestLane.CatchUp, Cancel);
            return (accepted, busy);
        });

        Assert.Equal(IngestLane.CatchUp, (await Assert.ThrowsAsync<LedgerBusyException>(() => refused)).Lane);
        Assert.Single(await waiting);
        // The live lane is not the catch-up lane's bound.
        Assert.Single(await ledger.Append("store-xm001", Batch("T04", 3, 3, Tea), IngestLane.Live, Cancel));
    }

    /// <summary>
    /// Holds the rollup's pending tables while a first batch's group waits for it, runs <paramref name="enqueue"/> (its batches
    /// queue up and form the next group), then lets go.
    /// </summary>
    private async Task<T> WhileWriterWaits<T>(SaleLedger ledger, Func<T> enqueue)
    {
        var (blocked, result) = await WhileWriterWaitsOn(() => ledger.Append("store-gz001", Batch($"W{Guid.NewGuid():N}"[..12], 1, 1, Tea), Cancel), enqueue);
        Assert.Single(blocked);
        return result;
    }

    /// <summary>
    /// Holds the rollup's pending tables so that <paramref name="blockedAppend"/>'s group waits in the writer, enqueues
    /// meanwhile, then lets go; the blocked append's answer and what <paramref name="enqueue"/> returned.
    /// </summary>
    private async Task<(TBlocked Blocked, T Result)> WhileWriterWaitsOn<TBlocked, T>(Func<Task<TBlocked>> blockedAppend, Func<T> enqueue)
    {
        await using var blocker = await _database.DataSource.OpenConnectionAsync(Cancel);
        await using var hold = await blocker.BeginTransactionAsync(Cancel);
        await blocker.ExecuteAsync("LOCK TABLE sale_item_hour_pending_0, sale_item_hour_pending_1 IN SHARE MODE", transaction: hold);
        var blocked = blockedAppend();
        await Eventually.Holds(
            async () => await Scalar<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO sale_item_hour_pending_%'") > 0,
            "the writer's first group waits for the rollup's pending table",
            cancellationToken: Cancel);

        var result = enqueue();
        await hold.CommitAsync(Cancel);
        return (await blocked, result);
    }

    /// <summary>The group commits that wrote store-sz001's terminals matching <paramref name="terminals"/>, oldest first, each as its terminals joined by '+'.</summary>
    private async Task<string[]> GroupsOf(string terminals) =>
        (await Query<(string Terminal, DateTime ReceivedAt)>(
            $"SELECT DISTINCT terminal_id, received_at FROM sale WHERE store_id = 'store-sz001' AND {terminals}"))
        .GroupBy(r => r.ReceivedAt)
        .OrderBy(g => g.Key)
        .Select(g => string.Join("+", g.Select(r => r.Terminal).Order()))
        .ToArray();

    private async Task AssertRollupEqualsLedger() => Assert.Equal(0, await _database.RollupRowsDifferingFromLedger());

    private static List<SaleRecord> Batch(string terminal, long from, long to, string item) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Sale(terminal, s, At.AddSeconds(s), (item, 2, 3.50m), (Rice, 1, 39.90m)))];

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException($"No value: {sql}");
    }

    private async Task<IReadOnlyList<T>> Query<T>(string sql)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync(Cancel);
        return [.. await connection.QueryAsync<T>(sql)];
    }
}
