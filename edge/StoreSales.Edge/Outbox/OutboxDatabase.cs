using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Outbox;

/// <summary>
/// The outbox's one SQLite file and connection, shared by its parts (<see cref="SaleQueue"/>,
/// <see cref="RejectedSales"/>, <see cref="OpenSaleJournal"/>, <see cref="UnparsedReceipts"/>): opened in WAL mode with
/// <c>synchronous=FULL</c> (a committed write survives a power cut) and brought to <see cref="OutboxSchema.Latest"/>
/// when opened. One connection serves the whole agent behind one lock: a store's sale rate is far below what that
/// allows, and a write that spans parts (a sale appended and its journal cleared) is one transaction.
/// </summary>
public sealed class OutboxDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and upgrades it in place.</summary>
    /// <exception cref="InvalidOperationException">The file is of a newer schema than this agent knows (an agent downgraded), or WAL is refused.</exception>
    public OutboxDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
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
        try
        {
            var journalMode = Scalar("PRAGMA journal_mode=WAL;") as string;
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The outbox at {Path} could not switch to WAL mode (journal_mode is '{journalMode}').");
            }

            Execute("PRAGMA synchronous=FULL;");
            Execute("PRAGMA busy_timeout=5000;");
            Migrate();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>The schema version of the file (<c>PRAGMA user_version</c>).</summary>
    public int Version => Locked(() => Convert.ToInt32(Scalar("PRAGMA user_version;"), CultureInfo.InvariantCulture));

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

    /// <summary>Runs <paramref name="action"/> holding the database's lock.</summary>
    public T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return action();
        }
    }

    /// <summary>A command on the connection (inside <paramref name="transaction"/> when given). Call under <see cref="Locked"/>.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Starts a transaction. Call under <see cref="Locked"/>.</summary>
    public SqliteTransaction BeginTransaction() => _connection.BeginTransaction();

    /// <summary>
    /// Deletes exactly the rows of <paramref name="table"/> (one of the outbox's own queue tables, keyed by
    /// <c>terminal_id, sequence</c>) with the given keys, in one transaction. Returns how many were there.
    /// </summary>
    internal int DeleteKeys(string table, IEnumerable<SaleKey> keys) => Locked(() =>
    {
        using var tx = BeginTransaction();
        // The table name is this code's own constant, never input.
        using var cmd = Command($"DELETE FROM {table} WHERE terminal_id = $terminal AND sequence = $sequence;", tx);
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

    /// <summary>The first column of the first row of <paramref name="sql"/>. Call under <see cref="Locked"/>.</summary>
    public object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
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
        }
    }

    internal static SaleRecord ReadSale(string payload) =>
        JsonSerializer.Deserialize<SaleRecord>(payload, EdgeJson.Options)
        ?? throw new InvalidDataException("An outbox row holds a null sale.");

    internal static string WriteSale(SaleRecord sale) => JsonSerializer.Serialize(sale, EdgeJson.Options);

    internal static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Runs every migration above the file's version, each with its version in one transaction.</summary>
    private void Migrate()
    {
        var version = Convert.ToInt32(Scalar("PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > OutboxSchema.Latest)
        {
            throw new InvalidOperationException(
                $"The outbox at {Path} has schema version {version}, newer than this agent's {OutboxSchema.Latest}: it was written by a newer agent. Run that agent version (its sales are kept), or move the file aside.");
        }

        for (var next = version + 1; next <= OutboxSchema.Latest; next++)
        {
            using var transaction = _connection.BeginTransaction();
            using (var migrate = Command(OutboxSchema.Migrations[next - 1], transaction))
            {
                migrate.ExecuteNonQuery();
            }

            // PRAGMA takes no parameters; the number is this code's own.
            using (var stamp = Command($"PRAGMA user_version = {next.ToString(CultureInfo.InvariantCulture)};", transaction))
            {
                stamp.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }
}
