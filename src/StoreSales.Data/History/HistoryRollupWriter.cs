using Npgsql;
using NpgsqlTypes;
using StoreSales.Data.Ledger;

namespace StoreSales.Data.History;

/// <summary>
/// Adds a copied chunk's lines, summed per store, store-local hour and item (<see cref="HistoryChunkPlan.Hours"/>), to the
/// hourly rollup <c>sale_item_hour</c>, then per store-local day (<see cref="HistoryChunkPlan.Days"/>) to <c>sale_item_day</c>,
/// in the chunk's transaction (docs/domain.md "History import", docs/design.md "The history import's rollup"). An upsert
/// (<c>INSERT … ON CONFLICT DO UPDATE</c>) costs PostgreSQL twice a plain insert per row (speculative insertion, a
/// confirmation record, no multi-row insert), and nearly every hour and day of a history chunk is new to the rollups. So
/// the job's row is locked first (the chunk's progress update takes it anyway, a moment later): the chunks of one job add
/// to the rollups one after the other while their sales and lines are copied side by side, and each sees the rollup rows
/// of those before it. The rows each rollup holds in the chunk's stores and hours (days) are read; those are upserted and
/// the others binary-COPYed, both in key order, hours before days. Another writer could still insert one of the copied
/// rows before this transaction commits (a till catching up on an old day, another job over the same days): the COPY then
/// fails or would wait; it is given a short lock wait, and on a refusal or a wait both rollups are rolled back to the
/// savepoint and upserted whole, in key order. Never waiting on a rollup row while holding one out of key order (nor on an
/// hour while holding a day), it cannot deadlock with the rollup's fold or another chunk.
/// </summary>
internal static class HistoryRollupWriter
{
    // Well below PostgreSQL's deadlock_timeout (1 s by default): the COPY never waits long enough for a deadlock check to
    // run against another writer. A wait at all means another transaction is writing one of the copied rows.
    private const string CopyLockWait = "SET LOCAL lock_timeout = '200ms'";

    private const string EndCopyLockWait = "SET LOCAL lock_timeout TO DEFAULT";

    private const string Savepoint = "history_rollup";

    // The lock the progress update takes (NO KEY: the chunks' own foreign key to the job is not held up).
    private const string LockJob = "SELECT 1 FROM history_import_job WHERE job_id = @jobId FOR NO KEY UPDATE";

    /// <summary>One of the two rollups, as this writer adds to it: rows keyed by store, a time (hour or day) and item.</summary>
    private sealed record Rollup(string Table, string TimeColumn, NpgsqlDbType TimeType, string AddToExisting, Action<BinaryCopy, PlannedHour> CopyRow)
    {
        // The rows the rollup holds for the chunk's (store, time) pairs: one index lookup each (OFFSET 0 keeps the planner
        // from turning the lateral join into a scan of the whole rollup).
        public string HeldSql => $"""
            SELECT h.store_id, h.{TimeColumn}, h.item_code
            FROM unnest(@stores::text[], @times::{TypeName}[]) AS r(store_id, at)
            CROSS JOIN LATERAL (
                SELECT h.store_id, h.{TimeColumn}, h.item_code
                FROM {Table} h
                WHERE h.store_id = r.store_id COLLATE "C" AND h.{TimeColumn} = r.at
                OFFSET 0
            ) h
            """;

        public string CopySql => $"COPY {Table} (store_id, {TimeColumn}, item_code, units, amount, lines) FROM STDIN (FORMAT BINARY)";

        // Units and amounts arrive as whole thousandths and cents, exact at the rollup's scales. In key order (sorted
        // here, whatever order the rows came in), as the rollup's fold upserts: the two never deadlock.
        public string UpsertSql => $"""
            INSERT INTO {Table} (store_id, {TimeColumn}, item_code, units, amount, lines)
            SELECT h.store_id COLLATE "C", h.at, h.item_code COLLATE "C", h.milli_units * 0.001, h.cents * 0.01, h.lines
            FROM unnest(@stores::text[], @times::{TypeName}[], @items::text[], @milliUnits::bigint[], @cents::bigint[], @lines::int[])
                 AS h(store_id, at, item_code, milli_units, cents, lines)
            ORDER BY 1, 2, 3
            {AddToExisting}
            """;

        private string TypeName => TimeType == NpgsqlDbType.Date ? "date" : "timestamp";
    }

    private static readonly Rollup Hours = new(
        "sale_item_hour", "local_hour", NpgsqlDbType.Timestamp, SaleItemHourSql.AddToExistingRow, HistoryCopyRows.RollupHour);

    private static readonly Rollup Days = new(
        "sale_item_day", "local_day", NpgsqlDbType.Date, SaleItemHourSql.AddToExistingDay, HistoryCopyRows.RollupDay);

    /// <summary>Adds the plan's hours, then its days, to the rollups, the job's row locked until the chunk's transaction ends.</summary>
    public static async Task Write(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, HistoryChunkPlan plan, CancellationToken cancellationToken)
    {
        await using (var lockJob = new NpgsqlCommand(LockJob, connection, transaction))
        {
            lockJob.Parameters.AddWithValue("jobId", jobId);
            await lockJob.ExecuteNonQueryAsync(cancellationToken);
        }

        var (upsertedHours, copiedHours) = await Split(connection, transaction, Hours, plan.Hours, cancellationToken);
        var (upsertedDays, copiedDays) = await Split(connection, transaction, Days, plan.Days, cancellationToken);
        if (copiedHours.Count == 0 && copiedDays.Count == 0)
        {
            await Upsert(connection, transaction, Hours, upsertedHours, cancellationToken);
            await Upsert(connection, transaction, Days, upsertedDays, cancellationToken);
            return;
        }

        await transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            // Hours before days, each table's held rows upserted and its new ones copied, all in key order.
            foreach (var (rollup, upserted, copied) in new[] { (Hours, upsertedHours, copiedHours), (Days, upsertedDays, copiedDays) })
            {
                await Upsert(connection, transaction, rollup, upserted, cancellationToken);
                await Execute(connection, transaction, CopyLockWait, cancellationToken);
                await Copy(connection, rollup, copied, cancellationToken);
                await Execute(connection, transaction, EndCopyLockWait, cancellationToken);
            }
        }
        catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.LockNotAvailable)
        {
            // Rolled back with the savepoint: the upserted rows and the lock wait setting too.
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            await Upsert(connection, transaction, Hours, plan.Hours, cancellationToken);
            await Upsert(connection, transaction, Days, plan.Days, cancellationToken);
            return;
        }

        await transaction.ReleaseAsync(Savepoint, cancellationToken);
    }

    /// <summary>The planned rows the rollup holds already (to upsert) and the others (to copy).</summary>
    private static async Task<(List<PlannedHour> Held, List<PlannedHour> New)> Split(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Rollup rollup, IReadOnlyList<PlannedHour> rows, CancellationToken cancellationToken)
    {
        var pairs = rows.Select(r => (r.StoreId, r.LocalHour)).Distinct().ToList();
        var held = new HashSet<(string, DateTime, string)>();
        if (pairs.Count > 0)
        {
            await using var command = new NpgsqlCommand(rollup.HeldSql, connection, transaction);
            command.Parameters.AddWithValue("stores", pairs.Select(p => p.StoreId).ToArray());
            command.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | rollup.TimeType) { Value = TimeValues(rollup, pairs.Select(p => p.LocalHour)) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var at = rollup.TimeType == NpgsqlDbType.Date ? reader.GetFieldValue<DateOnly>(1).ToDateTime(TimeOnly.MinValue) : reader.GetDateTime(1);
                held.Add((reader.GetString(0), at, reader.GetString(2)));
            }
        }

        var upserted = new List<PlannedHour>(held.Count);
        var copied = new List<PlannedHour>(rows.Count);
        foreach (var row in rows)
        {
            (held.Contains((row.StoreId, row.LocalHour, row.ItemCode)) ? upserted : copied).Add(row);
        }

        return (upserted, copied);
    }

    private static async Task Upsert(NpgsqlConnection connection, NpgsqlTransaction transaction, Rollup rollup, IReadOnlyList<PlannedHour> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand(rollup.UpsertSql, connection, transaction);
        upsert.Parameters.AddWithValue("stores", rows.Select(h => h.StoreId).ToArray());
        upsert.Parameters.Add(new NpgsqlParameter("times", NpgsqlDbType.Array | rollup.TimeType) { Value = TimeValues(rollup, rows.Select(h => h.LocalHour)) });
        upsert.Parameters.AddWithValue("items", rows.Select(h => h.ItemCode).ToArray());
        upsert.Parameters.AddWithValue("milliUnits", rows.Select(h => h.MilliUnits).ToArray());
        upsert.Parameters.AddWithValue("cents", rows.Select(h => h.Cents).ToArray());
        upsert.Parameters.AddWithValue("lines", rows.Select(h => h.Lines).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    // In the rollup's key order, as the plan holds its hours and days.
    private static async Task Copy(NpgsqlConnection connection, Rollup rollup, List<PlannedHour> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var copy = await BinaryCopy.Begin(connection, rollup.CopySql, cancellationToken);
        foreach (var row in rows)
        {
            rollup.CopyRow(copy, row);
            await copy.RowDone(cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Array TimeValues(Rollup rollup, IEnumerable<DateTime> times) =>
        rollup.TimeType == NpgsqlDbType.Date ? times.Select(t => DateOnly.FromDateTime(t)).ToArray() : times.ToArray();

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
