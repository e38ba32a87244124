using System.Globalization;
using Microsoft.Data.Sqlite;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Sales;

namespace StoreSales.Edge.Outbox;

/// <summary>
/// The sales waiting for upload (table <c>outbox</c>) and each terminal's sequence (<c>terminal_sequence</c>): every
/// completed sale is written here before anything else happens to it, and leaves only when the server has acked it
/// as durable (or, refused, moves to <see cref="RejectedSales"/>).
/// </summary>
/// <remarks>
/// Per-terminal sequences are bumped in the same transaction as the insert, so a sequence is never reused, across
/// restarts and after its sale was uploaded and deleted. A terminal's first sale in this outbox takes the first sequence
/// of the outbox's <see cref="TerminalEpoch"/> (chosen from the clock when the file is first opened): a new PC, or a
/// wiped outbox, starts a later epoch instead of counting from 1 again.
/// </remarks>
public sealed class SaleQueue : ISaleSink, IDisposable
{
    private readonly OutboxDatabase database;
    private readonly TimeProvider time;

    // Released when a sale arrives, so an idle uploader sleeps on this instead of polling the table.
    private readonly SemaphoreSlim _salesArrived = new(0, 1);

    public SaleQueue(OutboxDatabase database, TimeProvider time)
    {
        this.database = database;
        this.time = time;
        Epoch = database.Locked(() =>
        {
            using var choose = database.Command("INSERT OR IGNORE INTO outbox_epoch (id, epoch) VALUES (1, $epoch);");
            choose.Parameters.AddWithValue("$epoch", TerminalEpoch.At(time.GetUtcNow()));
            choose.ExecuteNonQuery();
            return Convert.ToInt64(database.Scalar("SELECT epoch FROM outbox_epoch WHERE id = 1;"), CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The epoch this outbox's new terminals count their sequences in, chosen when the outbox was created.</summary>
    public long Epoch { get; }

    /// <summary>Sales waiting for upload.</summary>
    public long Depth => database.Locked(() => Convert.ToInt64(database.Scalar("SELECT COUNT(*) FROM outbox;"), CultureInfo.InvariantCulture));

    /// <summary>When the oldest sale still waiting was appended; null when the outbox is empty.</summary>
    public DateTimeOffset? OldestEnqueuedAt => database.Locked(() =>
        database.Scalar("SELECT enqueued_at FROM outbox ORDER BY rowid LIMIT 1;") is string at ? OutboxDatabase.ParseTime(at) : (DateTimeOffset?)null);

    /// <summary>
    /// Assigns the terminal's next sequence to <paramref name="sale"/> and stores it, in one transaction.
    /// Returns the sequence once the transaction is committed (and synced to disk).
    /// </summary>
    public long Append(SaleRecord sale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sale.TerminalId, nameof(sale));
        return database.Locked(() =>
        {
            using var tx = database.BeginTransaction();

            using var bump = database.Command(
                """
                INSERT INTO terminal_sequence (terminal_id, last_sequence) VALUES ($terminal, $first)
                ON CONFLICT (terminal_id) DO UPDATE SET last_sequence = last_sequence + 1
                RETURNING last_sequence;
                """,
                tx);
            bump.Parameters.AddWithValue("$terminal", sale.TerminalId);
            bump.Parameters.AddWithValue("$first", TerminalEpoch.Sequence(Epoch, 1));
            var sequence = Convert.ToInt64(bump.ExecuteScalar(), CultureInfo.InvariantCulture);

            using var insert = database.Command("INSERT INTO outbox (terminal_id, sequence, payload, enqueued_at) VALUES ($terminal, $sequence, $payload, $at);", tx);
            insert.Parameters.AddWithValue("$terminal", sale.TerminalId);
            insert.Parameters.AddWithValue("$sequence", sequence);
            insert.Parameters.AddWithValue("$payload", OutboxDatabase.WriteSale(sale with { Sequence = sequence }));
            insert.Parameters.AddWithValue("$at", OutboxDatabase.FormatTime(time.GetUtcNow()));
            insert.ExecuteNonQuery();

            // The sale is complete: its journaled lines (OpenSaleJournal) go in the same transaction, so a crash leaves
            // either the open lines (replayed on restart) or the sale, never both.
            using var close = database.Command("DELETE FROM open_sale_lines WHERE terminal_id = $terminal;", tx);
            close.Parameters.AddWithValue("$terminal", sale.TerminalId);
            close.ExecuteNonQuery();

            tx.Commit();
            SignalSalesArrived();
            return sequence;
        });
    }

    /// <summary>
    /// Waits until a sale is appended or requeued in this process, or <paramref name="atMost"/> passed (another
    /// process, such as the <c>rejected requeue</c> command, may have written to the file meanwhile).
    /// </summary>
    public async Task WaitForSalesAsync(TimeSpan atMost, CancellationToken cancellationToken) =>
        await _salesArrived.WaitAsync(atMost, cancellationToken);

    /// <summary>Wakes an idle uploader: sales arrived (appended, or requeued from <see cref="RejectedSales"/>).</summary>
    internal void SignalSalesArrived()
    {
        if (_salesArrived.CurrentCount == 0)
        {
            try
            {
                _salesArrived.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another append signalled first: one pending wake-up is enough.
            }
        }
    }

    /// <summary>The oldest <paramref name="count"/> sales, in the order they were appended.</summary>
    public IReadOnlyList<OutboxEntry> PeekOldest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return database.Locked(() =>
        {
            using var cmd = database.Command("SELECT payload, enqueued_at FROM outbox ORDER BY rowid LIMIT $count;");
            cmd.Parameters.AddWithValue("$count", count);
            using var reader = cmd.ExecuteReader();
            var entries = new List<OutboxEntry>();
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(OutboxDatabase.ReadSale(reader.GetString(0)), OutboxDatabase.ParseTime(reader.GetString(1))));
            }

            return (IReadOnlyList<OutboxEntry>)entries;
        });
    }

    /// <summary>
    /// The next batch of at most <paramref name="count"/> sales, shared round-robin between the terminals that have sales
    /// waiting: each terminal's oldest first (its sequences ascending, as the server's per-terminal sequence log wants
    /// them), one of each terminal in turn. A terminal with a day's backlog thus takes at most its share of a batch, and
    /// a terminal selling live is in the very next batch instead of behind that backlog.
    /// </summary>
    public IReadOnlyList<OutboxEntry> PeekFair(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return database.Locked(() =>
        {
            // terminal_sequence lists every terminal that ever sold: a handful of rows. Each terminal's head is read
            // through the primary key (terminal_id, sequence), so a 50,000-sale backlog costs no scan per batch.
            var queues = new List<Queue<(string Payload, string EnqueuedAt)>>();
            using (var terminals = database.Command("SELECT terminal_id FROM terminal_sequence ORDER BY terminal_id;"))
            using (var head = database.Command("SELECT payload, enqueued_at FROM outbox WHERE terminal_id = $terminal ORDER BY sequence LIMIT $count;"))
            {
                var terminal = head.Parameters.Add("$terminal", SqliteType.Text);
                head.Parameters.AddWithValue("$count", count);
                var ids = new List<string>();
                using (var reader = terminals.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    terminal.Value = id;
                    using var reader = head.ExecuteReader();
                    var queue = new Queue<(string, string)>();
                    while (reader.Read())
                    {
                        queue.Enqueue((reader.GetString(0), reader.GetString(1)));
                    }

                    if (queue.Count > 0)
                    {
                        queues.Add(queue);
                    }
                }
            }

            var entries = new List<OutboxEntry>(count);
            while (entries.Count < count && queues.Count > 0)
            {
                foreach (var queue in queues)
                {
                    if (entries.Count < count && queue.TryDequeue(out var row))
                    {
                        entries.Add(new OutboxEntry(OutboxDatabase.ReadSale(row.Payload), OutboxDatabase.ParseTime(row.EnqueuedAt)));
                    }
                }

                queues.RemoveAll(q => q.Count == 0);
            }

            return (IReadOnlyList<OutboxEntry>)entries;
        });
    }

    /// <summary>Whether the sale <paramref name="key"/> still waits in the outbox (not yet acked).</summary>
    public bool Holds(SaleKey key) => database.Locked(() =>
    {
        using var cmd = database.Command("SELECT 1 FROM outbox WHERE terminal_id = $terminal AND sequence = $sequence;");
        cmd.Parameters.AddWithValue("$terminal", key.TerminalId);
        cmd.Parameters.AddWithValue("$sequence", key.Sequence);
        return cmd.ExecuteScalar() is not null;
    });

    /// <summary>Deletes exactly the given keys (those the server acked as durable). Returns how many were here.</summary>
    public int Remove(IEnumerable<SaleKey> keys) => database.DeleteKeys("outbox", keys);

    /// <summary>The last sequence assigned to <paramref name="terminalId"/>, 0 if none yet.</summary>
    public long LastSequence(string terminalId) => database.Locked(() =>
    {
        using var cmd = database.Command("SELECT last_sequence FROM terminal_sequence WHERE terminal_id = $terminal;");
        cmd.Parameters.AddWithValue("$terminal", terminalId);
        return cmd.ExecuteScalar() is long value ? value : 0;
    });

    public void Dispose() => _salesArrived.Dispose();
}
