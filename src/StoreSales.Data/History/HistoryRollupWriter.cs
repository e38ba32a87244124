using Npgsql;
using NpgsqlTypes;
using StoreSales.Data.Ledger;

namespace StoreSales.Data.History;

/// <summary>
/// Adds a copied chunk's lines, summed per store, store-local hour and item (<see cref="HistoryChunkPlan.Hours"/>), to the
/// hourly rollup <c>sale_item_hour</c>, and then per day (<see cref="HistoryChunkPlan.Days"/>) to <c>sale_item_day</c>, in the chunk's transaction (docs/domain.md "History import", docs/design.md "The
/// history import's rollup"). An upsert (<c>INSERT … ON CONFLICT DO UPDATE</c>) costs PostgreSQL twice a plain insert per
/// row (speculative insertion, a confirmation record, no multi-row insert), and nearly every hour of a history chunk is new
/// to the rollup. So the job's row is locked first (the chunk's progress update takes it anyway, a moment later): the
/// chunks of one job add to the rollup one after the other while their sales and lines are copied side by side, and each
/// sees the rollup rows of those before it. The rows the rollup holds in the chunk's stores and hours are read; those hours
/// are upserted and the others binary-COPYed, both in key order. Another writer could still insert one of the copied hours
/// before this transaction commits (a till catching up on an old day, another job over the same days): the COPY then fails
/// or would wait; it is given a short lock wait, and on a refusal or a wait the chunk's rollup is rolled back to its
/// savepoint and upserted whole, in key order, as before. Never waiting on a rollup row while holding one out of key order,
/// it cannot deadlock with the rollup's fold, a staged group commit or another chunk.
/// </summary>
internal static class HistoryRollupWriter
{
    // Well below PostgreSQL's deadlock_timeout (1 s by default): the COPY never waits long enough for a deadlock check to
    // run against another writer. A wait at all means another transaction is writing one of the copied hours.
    private const string CopyLockWait = "SET LOCAL lock_timeout = '200ms'";

    private const string EndCopyLockWait = "SET LOCAL lock_timeout TO DEFAULT";

    private const string Savepoint = "history_rollup";

    // The lock the progress update takes (NO KEY: the chunks' own foreign key to the job is not held up).
    private const string LockJob = "SELECT 1 FROM history_import_job WHERE job_id = @jobId FOR NO KEY UPDATE";

    // The rollup rows of the store-local hours the chunk has lines in: one index lookup per store and hour (OFFSET 0 keeps
    // the planner from turning the lateral join into a scan of the whole rollup).
    private const string HeldHours = """
        SELECT h.store_id, h.local_hour, h.item_code
        FROM unnest(@stores::text[], @hours::timestamp[]) AS r(store_id, local_hour)
        CROSS JOIN LATERAL (
            SELECT h.store_id, h.local_hour, h.item_code
            FROM sale_item_hour h
            WHERE h.store_id = r.store_id COLLATE "C" AND h.local_hour = r.local_hour
            OFFSET 0
        ) h
        """;

    private const string CopyHours =
        "COPY sale_item_hour (store_id, local_hour, item_code, units, amount, lines) FROM STDIN (FORMAT BINARY)";

    // Units and amounts arrive as whole thousandths and cents, exact at the rollup's scales. In key order (ordinality of
    // the sorted arrays), as the rollup's fold upserts: the two never deadlock.
    private const string UpsertHours = $"""
        INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
        SELECT h.store_id COLLATE "C", h.local_hour, h.item_code COLLATE "C", h.milli_units * 0.001, h.cents * 0.01, h.lines
        FROM unnest(@stores::text[], @hours::timestamp[], @items::text[], @milliUnits::bigint[], @cents::bigint[], @lines::int[])
             WITH ORDINALITY AS h(store_id, local_hour, item_code, milli_units, cents, lines, ord)
        ORDER BY h.ord
        {SaleItemHourSql.AddToExistingRow}
        """;

    // After every hour, in the day's key order (SaleItemHourSql.AddToExistingDay); nearly every day of a chunk is a few
    // rows a store, so an upsert whatever the rollup holds.
    private const string UpsertDays = $"""
        INSERT INTO sale_item_day (store_id, local_day, item_code, units, amount, lines)
        SELECT d.store_id COLLATE "C", d.local_day, d.item_code COLLATE "C", d.milli_units * 0.001, d.cents * 0.01, d.lines
        FROM unnest(@stores::text[], @days::date[], @items::text[], @milliUnits::bigint[], @cents::bigint[], @lines::int[])
             AS d(store_id, local_day, item_code, milli_units, cents, lines)
        ORDER BY 1, 2, 3
        {SaleItemHourSql.AddToExistingDay}
        """;

    /// <summary>Adds the plan's hours and days to the rollups, the job's row locked until the chunk's transaction ends.</summary>
    public static async Task Write(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, HistoryChunkPlan plan, CancellationToken cancellationToken)
    {
        await WriteHours(connection, transaction, jobId, plan, cancellationToken);
        if (plan.Days.Count == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand(UpsertDays, connection, transaction);
        upsert.Parameters.AddWithValue("stores", plan.Days.Select(d => d.StoreId).ToArray());
        upsert.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = plan.Days.Select(d => DateOnly.FromDateTime(d.LocalHour)).ToArray() });
        upsert.Parameters.AddWithValue("items", plan.Days.Select(d => d.ItemCode).ToArray());
        upsert.Parameters.AddWithValue("milliUnits", plan.Days.Select(d => d.MilliUnits).ToArray());
        upsert.Parameters.AddWithValue("cents", plan.Days.Select(d => d.Cents).ToArray());
        upsert.Parameters.AddWithValue("lines", plan.Days.Select(d => d.Lines).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteHours(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, HistoryChunkPlan plan, CancellationToken cancellationToken)
    {
        await using (var lockJob = new NpgsqlCommand(LockJob, connection, transaction))
        {
            lockJob.Parameters.AddWithValue("jobId", jobId);
            await lockJob.ExecuteNonQueryAsync(cancellationToken);
        }

        var held = await Held(connection, transaction, plan.Hours, cancellationToken);
        var upserted = new List<PlannedHour>(held.Count);
        var copied = new List<PlannedHour>(plan.Hours.Count);
        foreach (var hour in plan.Hours)
        {
            (held.Contains((hour.StoreId, hour.LocalHour, hour.ItemCode)) ? upserted : copied).Add(hour);
        }

        if (copied.Count == 0)
        {
            await Upsert(connection, transaction, upserted, cancellationToken);
            return;
        }

        await transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            await Upsert(connection, transaction, upserted, cancellationToken);
            await Execute(connection, transaction, CopyLockWait, cancellationToken);
            await Copy(connection, copied, cancellationToken);
            await Execute(connection, transaction, EndCopyLockWait, cancellationToken);
        }
        catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.LockNotAvailable)
        {
            // Rolled back with the savepoint: the upserted rows and the lock wait setting too.
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            await Upsert(connection, transaction, plan.Hours, cancellationToken);
            return;
        }

        await transaction.ReleaseAsync(Savepoint, cancellationToken);
    }

    /// <summary>The rollup rows the rollup holds already among the chunk's stores and local hours.</summary>
    private static async Task<HashSet<(string StoreId, DateTime LocalHour, string ItemCode)>> Held(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PlannedHour> hours, CancellationToken cancellationToken)
    {
        // The hours are in key order: a store's local hour is one run of them.
        var stores = new List<string>();
        var localHours = new List<DateTime>();
        for (var i = 0; i < hours.Count; i++)
        {
            if (i == 0 || hours[i].LocalHour != hours[i - 1].LocalHour || hours[i].StoreId != hours[i - 1].StoreId)
            {
                stores.Add(hours[i].StoreId);
                localHours.Add(hours[i].LocalHour);
            }
        }

        var held = new HashSet<(string, DateTime, string)>();
        await using var command = new NpgsqlCommand(HeldHours, connection, transaction);
        command.Parameters.AddWithValue("stores", stores.ToArray());
        command.Parameters.Add(new NpgsqlParameter("hours", NpgsqlDbType.Array | NpgsqlDbType.Timestamp) { Value = localHours.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetString(2)));
        }

        return held;
    }

    private static async Task Upsert(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PlannedHour> hours, CancellationToken cancellationToken)
    {
        if (hours.Count == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand(UpsertHours, connection, transaction);
        upsert.Parameters.AddWithValue("stores", hours.Select(h => h.StoreId).ToArray());
        upsert.Parameters.Add(new NpgsqlParameter("hours", NpgsqlDbType.Array | NpgsqlDbType.Timestamp) { Value = hours.Select(h => h.LocalHour).ToArray() });
        upsert.Parameters.AddWithValue("items", hours.Select(h => h.ItemCode).ToArray());
        upsert.Parameters.AddWithValue("milliUnits", hours.Select(h => h.MilliUnits).ToArray());
        upsert.Parameters.AddWithValue("cents", hours.Select(h => h.Cents).ToArray());
        upsert.Parameters.AddWithValue("lines", hours.Select(h => h.Lines).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task Copy(NpgsqlConnection connection, List<PlannedHour> hours, CancellationToken cancellationToken)
    {
        await using var copy = await BinaryCopy.Begin(connection, CopyHours, cancellationToken);
        foreach (var hour in hours)
        {
            HistoryCopyRows.RollupHour(copy, hour);
            await copy.RowDone(cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
