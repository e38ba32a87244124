using Dapper;
using Npgsql;
using StoreSales.Data.Ledger;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// Writes history import jobs into the ledger one chunk at a time (docs/domain.md "History import"). A chunk is one
/// transaction: the job's lowest chunk left that no other transaction holds is locked (another writer skips it) and unpacked,
/// its sales and lines are copied straight into the ledger (binary COPY; when the ledger holds one of them already, a
/// re-import, into staging tables instead and inserted set-based with <c>ON CONFLICT DO NOTHING</c>), the new sales' lines are
/// added to the rollups <c>sale_item_hour</c> and <c>sale_item_day</c> (store-local hour and day, as the fold does), the
/// job's progress moves on and the chunk is deleted. Killed anywhere, the chunk rolls back whole and the next run writes it
/// again; a sale the ledger holds already (the file imported before) is kept as it is and counted as held.
/// </summary>
public sealed class HistoryImportRunner(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // ON COMMIT DROP: a pooled connection is reset when it is handed out again, so nothing is created once per connection.
    private const string CreateStaging = """
        SET LOCAL work_mem = '128MB';
        CREATE TEMP TABLE history_sale (
            store_id text COLLATE "C" NOT NULL, terminal_id text COLLATE "C" NOT NULL, sequence bigint NOT NULL,
            rung_up_at timestamptz NOT NULL, cents bigint NOT NULL
        ) ON COMMIT DROP;
        CREATE TEMP TABLE history_line (
            store_id text COLLATE "C" NOT NULL, terminal_id text COLLATE "C" NOT NULL, sequence bigint NOT NULL, line_number int NOT NULL,
            item_code text COLLATE "C" NOT NULL, milli_units bigint NOT NULL, unit_cents bigint NOT NULL, cents bigint NOT NULL,
            local_hour timestamp NOT NULL
        ) ON COMMIT DROP;
        """;

    private const string CopySales = "COPY history_sale (store_id, terminal_id, sequence, rung_up_at, cents) FROM STDIN (FORMAT BINARY)";

    private const string CopyLines =
        "COPY history_line (store_id, terminal_id, sequence, line_number, item_code, milli_units, unit_cents, cents, local_hour) FROM STDIN (FORMAT BINARY)";

    // Sales the ledger does not hold are inserted; only their lines are written and added to the rollup, so a chunk written
    // twice (a re-import) changes nothing. Rollup rows are upserted in key order, hours before days, as the rollup's fold
    // takes them: the two never deadlock. Units and amounts arrive as whole thousandths and cents, exact at the ledger's scales.
    private const string Insert = $"""
        WITH inserted AS (
            INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total, tenders)
            SELECT store_id, terminal_id, sequence, 'sale', rung_up_at, rung_up_at, cents * 0.01, '[]'::jsonb
            FROM history_sale
            ON CONFLICT (store_id, terminal_id, sequence) DO NOTHING
            RETURNING store_id, terminal_id, sequence
        ), new_line AS (
            SELECT l.* FROM history_line l JOIN inserted i USING (store_id, terminal_id, sequence)
        ), lines AS (
            INSERT INTO sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, discount, amount)
            SELECT store_id, terminal_id, sequence, line_number, item_code, milli_units * 0.001, unit_cents * 0.01, 0, cents * 0.01
            FROM new_line
        ), rollup AS (
            INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
            SELECT store_id, local_hour, item_code, sum(milli_units) * 0.001, sum(cents) * 0.01, count(*)::int
            FROM new_line
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            {SaleItemHourSql.AddToExistingRow}
            RETURNING 1
        ), rollup_day AS (
            -- The one-time filter runs the hours' upsert to its end first: days are taken after every hour.
            INSERT INTO sale_item_day (store_id, local_day, item_code, units, amount, lines)
            SELECT store_id, local_hour::date, item_code, sum(milli_units) * 0.001, sum(cents) * 0.01, count(*)::int
            FROM new_line
            WHERE (SELECT count(*) FROM rollup) >= 0
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            {SaleItemHourSql.AddToExistingDay}
        )
        SELECT count(*) FROM inserted
        """;

    private const string CopyLedgerSales =
        "COPY sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total) FROM STDIN (FORMAT BINARY)";

    private const string CopyLedgerLines =
        "COPY sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, amount) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Writes the lowest chunk of the oldest unfinished job that nobody else is writing; null when there is none. Cancelled,
    /// it throws <see cref="OperationCanceledException"/> and nothing of the chunk is committed.
    /// </summary>
    public async Task<HistoryImportChunkWritten?> RunNextChunk(CancellationToken cancellationToken)
    {
        try
        {
            return await WriteNextChunk(cancellationToken);
        }
        catch (Exception stopped) when (cancellationToken.IsCancellationRequested && stopped is not OperationCanceledException)
        {
            // Cancelled in the middle of a COPY, Npgsql ends the COPY or breaks the connection, and what it throws then
            // says that, not that the import was stopped (a test that stops an import half-way saw both).
            throw new OperationCanceledException("The chunk was stopped before its commit; the next run writes it again.", stopped, cancellationToken);
        }
    }

    private async Task<HistoryImportChunkWritten?> WriteNextChunk(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The lowest chunk of the oldest unfinished job that no other transaction is writing: several chunks of one job may
        // be in flight at once (HistoryImportOptions.ChunksInFlight, here or in other command centers), each locking only its
        // own chunk row. Their progress updates of the job row queue behind each other for the moment of a commit.
        var chunk = await connection.QuerySingleOrDefaultAsync<ChunkRow>(new CommandDefinition(
            """
            SELECT c.job_id, c.chunk_number, c.rows, c.data
            FROM history_import_chunk c JOIN history_import_job j USING (job_id)
            WHERE j.status <> 'done'
            ORDER BY j.submitted_at, j.job_id, c.chunk_number
            LIMIT 1
            FOR UPDATE OF c SKIP LOCKED
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (chunk is null)
        {
            return null;
        }

        var jobId = chunk.job_id;
        var plan = HistoryChunkPlan.Of(HistoryChunkCodec.Read(chunk.data, chunk.rows));
        var added = await TryCopyIntoLedger(connection, transaction, jobId, plan, cancellationToken)
            ? plan.Sales.Count
            : await WriteStaged(connection, transaction, plan, cancellationToken);
        var held = plan.Sales.Count - added;

        var done = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            DELETE FROM history_import_chunk WHERE job_id = @jobId AND chunk_number = @number;
            UPDATE history_import_job
            SET chunks_done = chunks_done + 1, rows_done = rows_done + @rows, sales_added = sales_added + @added,
                sales_held = sales_held + @held, started_at = coalesce(started_at, @now),
                status = CASE WHEN chunks_done + 1 >= chunks THEN 'done' ELSE 'running' END,
                finished_at = CASE WHEN chunks_done + 1 >= chunks THEN @now END
            WHERE job_id = @jobId
            RETURNING status = 'done'
            """,
            new { jobId, number = chunk.chunk_number, rows = chunk.rows, added, held, now = LedgerTime.Now(clock).UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new HistoryImportChunkWritten(jobId, chunk.rows, added, held, done, LastDays(plan.Lines));
    }

    /// <summary>
    /// Copies the chunk straight into <c>sale</c> and <c>sale_line</c> and adds its hours to the rollup
    /// (<see cref="HistoryRollupWriter"/>): the way for a chunk none of whose sales the ledger holds (every chunk of a first
    /// import). False, with nothing of it written (the savepoint is rolled back), when the ledger holds one of them: the
    /// staged statement then sorts out which are new.
    /// </summary>
    private static async Task<bool> TryCopyIntoLedger(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, HistoryChunkPlan plan, CancellationToken cancellationToken)
    {
        const string Savepoint = "history_copy";
        await transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            await using (var copy = await BinaryCopy.Begin(connection, CopyLedgerSales, cancellationToken))
            {
                foreach (var sale in plan.Sales)
                {
                    HistoryCopyRows.LedgerSale(copy, sale);
                    await copy.RowDone(cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await BinaryCopy.Begin(connection, CopyLedgerLines, cancellationToken))
            {
                for (var i = 0; i < plan.Lines.Count; i++)
                {
                    HistoryCopyRows.LedgerLine(copy, plan.Lines[i], plan.LineNumbers[i]);
                    await copy.RowDone(cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }
        }
        catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            return false;
        }

        await transaction.ReleaseAsync(Savepoint, cancellationToken);
        await HistoryRollupWriter.Write(connection, transaction, jobId, plan, cancellationToken);
        return true;
    }

    /// <summary>The careful way: stage the chunk, insert the sales the ledger does not hold with their lines; how many were new.</summary>
    private static async Task<long> WriteStaged(NpgsqlConnection connection, NpgsqlTransaction transaction, HistoryChunkPlan plan, CancellationToken cancellationToken)
    {
        await Stage(connection, plan, cancellationToken);
        await using var insert = new NpgsqlCommand(Insert, connection, transaction);
        return (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Copies the chunk's sales and lines into the staging tables.</summary>
    private static async Task Stage(NpgsqlConnection connection, HistoryChunkPlan plan, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateStaging, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await BinaryCopy.Begin(connection, CopyLines, cancellationToken))
        {
            for (var i = 0; i < plan.Lines.Count; i++)
            {
                HistoryCopyRows.StagedLine(copy, plan.Lines[i], plan.LineNumbers[i]);
                await copy.RowDone(cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await BinaryCopy.Begin(connection, CopySales, cancellationToken))
        {
            foreach (var sale in plan.Sales)
            {
                HistoryCopyRows.StagedSale(copy, sale);
                await copy.RowDone(cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // Freshly filled temp tables have no statistics: without them the planner may take the chunk's lines for a few and
        // join them to the inserted sales by nested loop.
        await using var analyze = new NpgsqlCommand("ANALYZE history_sale, history_line", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Each store's latest store-local day among the lines.</summary>
    private static Dictionary<string, DateOnly> LastDays(IReadOnlyList<HistoryLine> lines)
    {
        var last = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var day = DateOnly.FromDateTime(line.LocalHour);
            if (!last.TryGetValue(line.StoreId, out var known) || day > known)
            {
                last[line.StoreId] = day;
            }
        }

        return last;
    }

    private sealed record ChunkRow(string job_id, int chunk_number, int rows, byte[] data);
}

/// <summary>
/// One chunk written: its job, rows, the sales it added and those the ledger held already, whether the job is done, and its
/// stores with the latest store-local day each got.
/// </summary>
public sealed record HistoryImportChunkWritten(string JobId, int Rows, long SalesAdded, long SalesHeld, bool JobDone, IReadOnlyDictionary<string, DateOnly> LastDays);
