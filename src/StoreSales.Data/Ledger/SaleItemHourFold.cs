using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace StoreSales.Data.Ledger;

/// <summary>
/// Adds a pending table of the hourly rollup into <c>sale_item_hour</c>, summed per store, local hour and item, and
/// empties it, in one transaction (migration 0520). The table lock (ACCESS EXCLUSIVE, which TRUNCATE needs anyway)
/// waits for every group commit still writing to the table and holds back readers for the fold's few hundred
/// milliseconds, so a reader sees each pending row exactly once: before the fold in the pending table, after it in the
/// rollup. It waits for the lock at most <see cref="LockWait"/>: a long reader holding the table means the fold comes
/// again next period, never that writers queue behind it. Any number of silos may fold at once; one gets the lock, the
/// others find the table empty.
/// </summary>
public sealed partial class SaleItemHourFold(NpgsqlDataSource dataSource, ILogger<SaleItemHourFold>? logger = null, IMeterFactory? meters = null)
{
    /// <summary>Longest wait for the pending table's lock before the fold gives up until its next turn.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly Counter<long>? _folded = meters?.Create(SaleLedger.MeterName)
        .CreateCounter<long>("storesales.ledger.rollup.folded", description: "Pending rollup rows added into sale_item_hour by the fold");
    private readonly Counter<long>? _busy = meters?.Create(SaleLedger.MeterName)
        .CreateCounter<long>("storesales.ledger.rollup.fold.busy", description: "Folds put off because readers or writers held the pending table longer than the fold waits");

    private static string LockSql(string table) => $"""
        SET LOCAL lock_timeout = '{(int)LockWait.TotalMilliseconds}ms';
        SET LOCAL work_mem = '64MB';
        LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE
        """;

    // ORDER BY the rollup's key: the staged group commit, the history import and other folds upsert rollup rows in the
    // same order, so none deadlocks with another. work_mem (above): a period's pending rows are summed in memory.
    private static string FoldSql(string table) => $"""
        INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
        SELECT store_id, local_hour, item_code, sum(units), sum(amount), sum(lines)::int
        FROM {table}
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        ON CONFLICT (store_id, local_hour, item_code) DO UPDATE
            SET units = sale_item_hour.units + excluded.units,
                amount = sale_item_hour.amount + excluded.amount,
                lines = sale_item_hour.lines + excluded.lines;
        TRUNCATE {table}
        """;

    private static readonly string[] Locks = [.. SaleItemHourPending.Tables.Select(LockSql)];
    private static readonly string[] AnyPending = [.. SaleItemHourPending.Tables.Select(t => $"SELECT EXISTS (SELECT 1 FROM {t})")];
    private static readonly string[] Counts = [.. SaleItemHourPending.Tables.Select(t => $"SELECT count(*) FROM {t}")];
    private static readonly string[] Folds = [.. SaleItemHourPending.Tables.Select(FoldSql)];

    /// <summary>
    /// Folds the pending table of <paramref name="slot"/>; the rows it held (0 when it was empty), or null when the table
    /// stayed locked by others for longer than <see cref="LockWait"/> (nothing changed; the next turn folds it).
    /// </summary>
    public async Task<long?> Fold(int slot, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Without its lock: an empty table (a quiet night, or another silo folded it already) is not truncated again.
        if (!await Scalar<bool>(connection, null, AnyPending[slot], cancellationToken))
        {
            return 0;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var take = new NpgsqlCommand(Locks[slot], connection, transaction))
            {
                await take.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException busy) when (busy.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await transaction.RollbackAsync(cancellationToken);
            _busy?.Add(1);
            LogBusy(slot, LockWait.TotalMilliseconds);
            return null;
        }

        var rows = await Scalar<long>(connection, transaction, Counts[slot], cancellationToken);
        await using (var fold = new NpgsqlCommand(Folds[slot], connection, transaction))
        {
            await fold.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _folded?.Add(rows);
        LogFolded(slot, rows);
        return rows;
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollup fold of slot {Slot} put off: the pending table stayed locked for {Milliseconds} ms")]
    private partial void LogBusy(int slot, double milliseconds);
}
