using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>
/// The agent's durable outbox: every completed sale is written here before anything else happens to it,
/// and leaves only when the server has acked it as durable (or, refused, moves to the rejected table).
/// </summary>
/// <remarks>
/// SQLite in WAL mode with <c>synchronous=FULL</c>: a committed append survives a power cut. Per-terminal
/// sequences live in <c>terminal_sequence</c> and are bumped in the same transaction as the insert, so a
/// sequence is never reused, across restarts and after its sale was uploaded and deleted.
/// One connection serves the whole agent behind a lock: a store's sale rate is far below what that allows.
/// </remarks>
public sealed class SqliteOutbox : ISaleSink, IUnparsedReceiptSink, IOpenSaleJournal, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS terminal_sequence (
            terminal_id   TEXT    NOT NULL PRIMARY KEY,
            last_sequence INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS outbox (
            terminal_id TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            payload     TEXT    NOT NULL,
            enqueued_at TEXT    NOT NULL,
            PRIMARY KEY (terminal_id, sequence)
        );
        CREATE TABLE IF NOT EXISTS rejected (
            terminal_id TEXT    NOT NULL,
            sequence    INTEGER NOT NULL,
            payload     TEXT    NOT NULL,
            enqueued_at TEXT    NOT NULL,
            rejected_at TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            PRIMARY KEY (terminal_id, sequence)
        );
        CREATE TABLE IF NOT EXISTS open_sale_lines (
            id          INTEGER PRIMARY KEY,
            terminal_id TEXT    NOT NULL,
            line        TEXT    NOT NULL
        );
        CREATE TABLE IF NOT EXISTS unparsed_receipts (
            id          INTEGER PRIMARY KEY,
            terminal_id TEXT    NOT NULL,
            captured_at TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            raw         BLOB    NOT NULL,
            text        TEXT    NOT NULL
        );
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // Released when a sale arrives, so an idle uploader sleeps on this instead of polling the table.
    private readonly SemaphoreSlim _salesArrived = new(0, 1);
    private bool _disposed;

    /// <summary>Opens (creating if needed) the outbox database at <paramref name="path"/>.</summary>
    public SqliteOutbox(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _time = time ?? TimeProvider.System;
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // Dispose really closes the file: a reopened outbox reads what is on disk.
        }.ToString());
        _connection.Open();

        var journalMode = Scalar("PRAGMA journal_mode=WAL;") as string;
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The outbox at {Path} could not switch to WAL mode (journal_mode is '{journalMode}').");
        }

        Execute("PRAGMA synchronous=FULL;");
        Execute("PRAGMA busy_timeout=5000;");
        Execute(Schema);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Sales waiting for upload.</summary>
    public long Depth => Locked(() => Convert.ToInt64(Scalar("SELECT COUNT(*) FROM outbox;"), CultureInfo.InvariantCulture));

    /// <summary>When the oldest sale still waiting was appended; null when the outbox is empty.</summary>
    public DateTimeOffset? OldestEnqueuedAt => Locked(() => Scalar("SELECT enqueued_at FROM outbox ORDER BY rowid LIMIT 1;") is string at ? ParseTime(at) : (DateTimeOffset?)null);

    /// <summary>
    /// Bytes the database holds: its pages in use (freed pages are reused, not returned to the disk, so the file keeps
    /// its largest size) plus the write-ahead log.
    /// </summary>
    public long UsedBytes => Locked(() =>
    {
        var pageSize = Convert.ToInt64(Scalar("PRAGMA page_size;"), CultureInfo.InvariantCulture);
        var pages = Convert.ToInt64(Scalar("PRAGMA page_count;"), CultureInfo.InvariantCulture);
        var free = Convert.ToInt64(Scalar("PRAGMA freelist_count;"), CultureInfo.InvariantCulture);
        var wal = new FileInfo(Path + "-wal");
        return (pages - free) * pageSize + (wal.Exists ? wal.Length : 0);
    });

    /// <summary>Sales the server refused, kept in the rejected table.</summary>
    public long RejectedCount => Locked(() => Convert.ToInt64(Scalar("SELECT COUNT(*) FROM rejected;"), CultureInfo.InvariantCulture));

    /// <summary>
    /// Assigns the terminal's next sequence to <paramref name="sale"/> and stores it, in one transaction.
    /// Returns the sequence once the transaction is committed (and synced to disk).
    /// </summary>
    public long Append(SaleRecord sale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sale.TerminalId, nameof(sale));
        return Locked(() =>
        {
            using var tx = _connection.BeginTransaction();

            using var bump = _connection.CreateCommand();
            bump.Transaction = tx;
            bump.CommandText = """
                INSERT INTO terminal_sequence (terminal_id, last_sequence) VALUES ($terminal, 1)
                ON CONFLICT (terminal_id) DO UPDATE SET last_sequence = last_sequence + 1
                RETURNING last_sequence;
                """;
            bump.Parameters.AddWithValue("$terminal", sale.TerminalId);
            var sequence = Convert.ToInt64(bump.ExecuteScalar(), CultureInfo.InvariantCulture);

            using var insert = _connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO outbox (terminal_id, sequence, payload, enqueued_at) VALUES ($terminal, $sequence, $payload, $at);";
            insert.Parameters.AddWithValue("$terminal", sale.TerminalId);
            insert.Parameters.AddWithValue("$sequence", sequence);
            insert.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(sale with { Sequence = sequence }, EdgeJson.Options));
            insert.Parameters.AddWithValue("$at", FormatTime(_time.GetUtcNow()));
            insert.ExecuteNonQuery();

            // The sale is complete: its journaled lines go in the same transaction, so a crash leaves either
            // the open lines (replayed on restart) or the sale, never both.
            using var close = _connection.CreateCommand();
            close.Transaction = tx;
            close.CommandText = "DELETE FROM open_sale_lines WHERE terminal_id = $terminal;";
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

    private void SignalSalesArrived()
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

    /// <inheritdoc/>
    public void Record(string terminalId, string line) => Locked(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO open_sale_lines (terminal_id, line) VALUES ($terminal, $line);";
        command.Parameters.AddWithValue("$terminal", terminalId);
        command.Parameters.AddWithValue("$line", line);
        command.ExecuteNonQuery();
        return 0;
    });

    /// <inheritdoc/>
    public void Clear(string terminalId) => Locked(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM open_sale_lines WHERE terminal_id = $terminal;";
        command.Parameters.AddWithValue("$terminal", terminalId);
        command.ExecuteNonQuery();
        return 0;
    });

    /// <inheritdoc/>
    public IReadOnlyList<string> Read(string terminalId) => Locked(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT line FROM open_sale_lines WHERE terminal_id = $terminal ORDER BY id;";
        command.Parameters.AddWithValue("$terminal", terminalId);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return (IReadOnlyList<string>)lines;
    });

    /// <summary>The oldest <paramref name="count"/> sales, in the order they were appended.</summary>
    public IReadOnlyList<OutboxEntry> PeekOldest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT payload, enqueued_at FROM outbox ORDER BY rowid LIMIT $count;";
            cmd.Parameters.AddWithValue("$count", count);
            using var reader = cmd.ExecuteReader();
            var entries = new List<OutboxEntry>();
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(ReadSale(reader.GetString(0)), ParseTime(reader.GetString(1))));
            }

            return entries;
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
        return Locked(() =>
        {
            // terminal_sequence lists every terminal that ever sold: a handful of rows. Each terminal's head is read
            // through the primary key (terminal_id, sequence), so a 50,000-sale backlog costs no scan per batch.
            var queues = new List<Queue<(string Payload, string EnqueuedAt)>>();
            using (var terminals = _connection.CreateCommand())
            using (var head = _connection.CreateCommand())
            {
                terminals.CommandText = "SELECT terminal_id FROM terminal_sequence ORDER BY terminal_id;";
                head.CommandText = "SELECT payload, enqueued_at FROM outbox WHERE terminal_id = $terminal ORDER BY sequence LIMIT $count;";
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
                        entries.Add(new OutboxEntry(ReadSale(row.Payload), ParseTime(row.EnqueuedAt)));
                    }
                }

                queues.RemoveAll(q => q.Count == 0);
            }

            return (IReadOnlyList<OutboxEntry>)entries;
        });
    }

    /// <summary>Whether the sale <paramref name="key"/> still waits in the outbox (not yet acked).</summary>
    public bool Holds(SaleKey key) => Locked(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM outbox WHERE terminal_id = $terminal AND sequence = $sequence;";
        cmd.Parameters.AddWithValue("$terminal", key.TerminalId);
        cmd.Parameters.AddWithValue("$sequence", key.Sequence);
        return cmd.ExecuteScalar() is not null;
    });

    /// <summary>Deletes exactly the given keys (those the server acked as durable). Returns how many were here.</summary>
    public int Remove(IEnumerable<SaleKey> keys)
    {
        return Locked(() =>
        {
            using var tx = _connection.BeginTransaction();
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM outbox WHERE terminal_id = $terminal AND sequence = $sequence;";
            var terminal = cmd.Parameters.Add("$terminal", SqliteType.Text);
            var sequence = cmd.Parameters.Add("$sequence", SqliteType.Integer);
            var removed = 0;
            foreach (var key in keys)
            {
                terminal.Value = key.TerminalId;
                sequence.Value = key.Sequence;
                removed += cmd.ExecuteNonQuery();
            }

            tx.Commit();
            return removed;
        });
    }

    /// <summary>Moves one sale from the outbox to the rejected table with the server's reason. False when it was not in the outbox.</summary>
    public bool Reject(SaleKey key, string reason)
    {
        return Locked(() =>
        {
            using var tx = _connection.BeginTransaction();
            using var move = _connection.CreateCommand();
            move.Transaction = tx;
            move.CommandText = """
                INSERT OR REPLACE INTO rejected (terminal_id, sequence, payload, enqueued_at, rejected_at, reason)
                SELECT terminal_id, sequence, payload, enqueued_at, $at, $reason FROM outbox
                WHERE terminal_id = $terminal AND sequence = $sequence;
                DELETE FROM outbox WHERE terminal_id = $terminal AND sequence = $sequence;
                """;
            move.Parameters.AddWithValue("$terminal", key.TerminalId);
            move.Parameters.AddWithValue("$sequence", key.Sequence);
            move.Parameters.AddWithValue("$at", FormatTime(_time.GetUtcNow()));
            move.Parameters.AddWithValue("$reason", reason);
            var affected = move.ExecuteNonQuery();
            tx.Commit();
            return affected > 0;
        });
    }

    /// <summary>The rejected sales, oldest rejection first.</summary>
    public IReadOnlyList<RejectedSale> ReadRejected(int max = 1000)
    {
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT payload, enqueued_at, rejected_at, reason FROM rejected ORDER BY rowid LIMIT $max;";
            cmd.Parameters.AddWithValue("$max", max);
            using var reader = cmd.ExecuteReader();
            var sales = new List<RejectedSale>();
            while (reader.Read())
            {
                sales.Add(new RejectedSale(ReadSale(reader.GetString(0)), ParseTime(reader.GetString(1)), ParseTime(reader.GetString(2)), reader.GetString(3)));
            }

            return sales;
        });
    }

    /// <summary>Puts every rejected sale back in the outbox, same sequence (after the server was fixed). Returns how many.</summary>
    public int RequeueRejected() => Locked(() =>
    {
        using var tx = _connection.BeginTransaction();
        var moved = RequeueOne(tx, null);
        tx.Commit();
        SignalSalesArrived();
        return moved;
    });

    /// <summary>
    /// Puts the given rejected sales back in the outbox under their own terminal and sequence, so a retry the server
    /// already holds is a harmless duplicate. Returns the keys that were not in the rejected table; none is moved then.
    /// </summary>
    public IReadOnlyList<SaleKey> RequeueRejected(IReadOnlyCollection<SaleKey> keys) => Locked(() =>
    {
        using var tx = _connection.BeginTransaction();
        var missing = keys.Where(k => RequeueOne(tx, k) == 0).ToList();
        if (missing.Count > 0)
        {
            tx.Rollback();
            return (IReadOnlyList<SaleKey>)missing;
        }

        tx.Commit();
        SignalSalesArrived();
        return [];
    });

    /// <summary>Moves one rejected sale (or all of them, <paramref name="key"/> null) back to the outbox inside <paramref name="tx"/>.</summary>
    private int RequeueOne(SqliteTransaction tx, SaleKey? key)
    {
        var where = key is null ? "" : " WHERE terminal_id = $terminal AND sequence = $sequence";
        SqliteCommand Command(string sql)
        {
            var command = _connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            if (key is not null)
            {
                command.Parameters.AddWithValue("$terminal", key.TerminalId);
                command.Parameters.AddWithValue("$sequence", key.Sequence);
            }

            return command;
        }

        using var insert = Command($"INSERT OR IGNORE INTO outbox (terminal_id, sequence, payload, enqueued_at) SELECT terminal_id, sequence, payload, enqueued_at FROM rejected{where} ORDER BY rowid;");
        insert.ExecuteNonQuery();
        using var delete = Command($"DELETE FROM rejected{where};");
        return delete.ExecuteNonQuery();
    }

    /// <summary>Receipts kept in <c>unparsed_receipts</c> (receipt capture could not read them as sales).</summary>
    public long UnparsedReceiptCount => Locked(() => Convert.ToInt64(Scalar("SELECT COUNT(*) FROM unparsed_receipts;"), CultureInfo.InvariantCulture));

    /// <summary>Keeps a printed receipt that could not be parsed, raw bytes and all. Returns its id.</summary>
    public long KeepUnparsed(UnparsedReceipt receipt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt.TerminalId, nameof(receipt));
        return Locked(() =>
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO unparsed_receipts (terminal_id, captured_at, reason, raw, text) VALUES ($terminal, $at, $reason, $raw, $text)
                RETURNING id;
                """;
            insert.Parameters.AddWithValue("$terminal", receipt.TerminalId);
            insert.Parameters.AddWithValue("$at", FormatTime(receipt.CapturedAt));
            insert.Parameters.AddWithValue("$reason", receipt.Reason);
            insert.Parameters.AddWithValue("$raw", receipt.Raw);
            insert.Parameters.AddWithValue("$text", receipt.Text);
            return Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The kept unparsed receipts, oldest first.</summary>
    public IReadOnlyList<StoredUnparsedReceipt> ReadUnparsedReceipts(int max = 1000)
    {
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT id, terminal_id, captured_at, reason, raw, text FROM unparsed_receipts ORDER BY id LIMIT $max;";
            cmd.Parameters.AddWithValue("$max", max);
            using var reader = cmd.ExecuteReader();
            var receipts = new List<StoredUnparsedReceipt>();
            while (reader.Read())
            {
                receipts.Add(new StoredUnparsedReceipt(
                    reader.GetInt64(0),
                    new UnparsedReceipt(reader.GetString(1), ParseTime(reader.GetString(2)), reader.GetString(3), (byte[])reader.GetValue(4), reader.GetString(5))));
            }

            return receipts;
        });
    }

    /// <summary>The last sequence assigned to <paramref name="terminalId"/>, 0 if none yet.</summary>
    public long LastSequence(string terminalId)
    {
        return Locked(() =>
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT last_sequence FROM terminal_sequence WHERE terminal_id = $terminal;";
            cmd.Parameters.AddWithValue("$terminal", terminalId);
            return cmd.ExecuteScalar() is long value ? value : 0;
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
            _salesArrived.Dispose();
        }
    }

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return action();
        }
    }

    private object? Scalar(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SaleRecord ReadSale(string payload) =>
        JsonSerializer.Deserialize<SaleRecord>(payload, EdgeJson.Options)
        ?? throw new InvalidDataException("An outbox row holds a null sale.");

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
