using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace StoreSales.Data.Ledger;

/// <summary>
/// Adds a pending table of the hourly rollup into <c>sale_item_hour</c>, summed per store, local hour and item (and the
/// same sums per store-local day into <c>sale_item_day</c>, migration 0540), and empties it, in one transaction (migration
/// 0520), in three steps:
/// <list type="number">
/// <item>a SHARE lock on the pending table: it waits (at most <see cref="WriterWait"/>) for any group commit still
/// inserting into it and keeps others out until the end, while readers go on reading it;</item>
/// <item>the table's rows summed and upserted into <c>sale_item_hour</c>, then into <c>sale_item_day</c>: the long part (a
/// few hundred milliseconds at full load), during which a reader still sees the pending rows and not yet the upserts;</item>
/// <item>an ACCESS EXCLUSIVE lock, which TRUNCATE needs, taken only for the TRUNCATE and the commit: readers still in the
/// table finish first, and the fold waits for them at most <see cref="ReaderWait"/>, so a reader arriving meanwhile
/// waits no longer than that plus the commit. A statement then sees each pending row exactly once: before the fold in
/// the pending table, after it in the rollup (READ COMMITTED takes a statement's snapshot after its locks).</item>
/// </list>
/// A fold that cannot have a lock in time is rolled back whole (nothing changed) and comes again next period. Folds of one
/// table are serialised by an advisory lock: with several silos, one folds and the others skip.
/// </summary>
public sealed partial class SaleItemHourFold(NpgsqlDataSource dataSource, ILogger<SaleItemHourFold>? logger = null, IMeterFactory? meters = null)
{
    /// <summary>Longest wait for group commits still inserting into the table being folded.</summary>
    public static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for readers still in the table before it is emptied; new readers wait this at most.</summary>
    public static readonly TimeSpan ReaderWait = TimeSpan.FromMilliseconds(100);

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly Counter<long>? _folded = meters?.Create(SaleLedger.MeterName)
        .CreateCounter<long>("storesales.ledger.rollup.folded", description: "Pending rollup rows added into sale_item_hour by the fold");
    private readonly Counter<long>? _busy = meters?.Create(SaleLedger.MeterName)
        .CreateCounter<long>("storesales.ledger.rollup.fold.busy", description: "Folds put off because writers or readers held the pending table longer than the fold waits");

    // The advisory key: one per pending table, in a class of its own (the first number) among the application's locks.
    private const int FoldLockClass = 520;

    private static string TakeSql(string table) => $"""
        SET LOCAL lock_timeout = '{(int)WriterWait.TotalMilliseconds}ms';
        SET LOCAL work_mem = '64MB';
        LOCK TABLE {table} IN SHARE MODE
        """;

    // ORDER BY the rollup's key: the staged group commit, the history import and other folds upsert rollup rows in the
    // same order, so none deadlocks with another. work_mem (above): a period's pending rows are summed in memory. One
    // scan of the table gives both the sums and how many pending rows they fold.
    private static string UpsertSql(string table) => $"""
        WITH sums AS (
            SELECT store_id, local_hour, item_code, sum(units) AS units, sum(amount) AS amount, sum(lines)::int AS lines,
                   count(*) AS pending
            FROM {table}
            GROUP BY 1, 2, 3
        ), added AS (
            INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
            SELECT store_id, local_hour, item_code, units, amount, lines
            FROM sums
            ORDER BY 1, 2, 3
            {SaleItemHourSql.AddToExistingRow}
        )
        SELECT coalesce(sum(pending), 0)::bigint FROM sums
        """;

    // A second statement, after every hour is added: writers take day rows only once they hold no hour still to come
    // (SaleItemHourSql.AddToExistingDay). The pending table is read again; it holds one period's rows, in memory.
    private static string UpsertDaysSql(string table) => $"""
        INSERT INTO sale_item_day (store_id, local_day, item_code, units, amount, lines)
        SELECT store_id, local_hour::date, item_code, sum(units), sum(amount), sum(lines)::int
        FROM {table}
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        {SaleItemHourSql.AddToExistingDay}
        """;

    private static string EmptySql(string table) => $"""
        SET LOCAL lock_timeout = '{(int)ReaderWait.TotalMilliseconds}ms';
        LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE;
        TRUNCATE {table}
        """;

    private static readonly string[] AnyPending = [.. SaleItemHourPending.Tables.Select(t => $"SELECT EXISTS (SELECT 1 FROM {t})")];
    private static readonly string[] Takes = [.. SaleItemHourPending.Tables.Select(TakeSql)];
    private static readonly string[] Upserts = [.. SaleItemHourPending.Tables.Select(UpsertSql)];
    private static readonly string[] UpsertDays = [.. SaleItemHourPending.Tables.Select(UpsertDaysSql)];
    private static readonly string[] Empties = [.. SaleItemHourPending.Tables.Select(EmptySql)];

    /// <summary>
    /// Folds the pending table of <paramref name="slot"/>; the rows it held (0 when it was empty or another silo is
    /// folding it), or null when writers or readers held the table longer than the fold waits (nothing changed; the next
    /// turn folds it).
    /// </summary>
    public async Task<long?> Fold(int slot, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Without a lock: an empty table (a quiet night, or another silo folded it already) is not truncated again.
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyPending[slot], cancellationToken: cancellationToken)))
        {
            return 0;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    $"SELECT pg_try_advisory_xact_lock({FoldLockClass}, {slot})", transaction: transaction, cancellationToken: cancellationToken)))
            {
                return 0; // another silo is folding this table
            }

            await using (var take = new NpgsqlCommand(Takes[slot], connection, transaction))
            {
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            var rows = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Upserts[slot], transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(UpsertDays[slot], transaction: transaction, cancellationToken: cancellationToken));
            await using (var empty = new NpgsqlCommand(Empties[slot], connection, transaction))
            {
                await empty.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _folded?.Add(rows);
            LogFolded(slot, rows);
            return rows;
        }
        catch (PostgresException busy) when (busy.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await transaction.RollbackAsync(cancellationToken);
            _busy?.Add(1);
            LogBusy(slot);
            return null;
        }
    }

    /// <summary>Folds both pending tables (the other one waits for the writers using it): all of the rollup in <c>sale_item_hour</c>.</summary>
    public async Task FoldAll(CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < SaleItemHourPending.Tables.Count; slot++)
        {
            while (await Fold(slot, cancellationToken) is null)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rollup folded: {Rows} pending rows of slot {Slot} into sale_item_hour")]
    private partial void LogFolded(int slot, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollup fold of slot {Slot} put off: writers or readers held the pending table longer than the fold waits")]
    private partial void LogBusy(int slot);
}
