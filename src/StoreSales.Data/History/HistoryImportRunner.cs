using System.Runtime.InteropServices;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// Writes history import jobs into the ledger one chunk at a time (docs/domain.md "History import"). A chunk is one
/// transaction: the job row is locked (another command center skips it meanwhile), the job's lowest chunk left is unpacked,
/// its sales and lines are copied into staging tables (binary COPY) and inserted set-based with <c>ON CONFLICT DO NOTHING</c>,
/// the new sales' lines are added to the hourly rollup <c>sale_item_hour</c> (store-local hour, as the live writer does), the
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
    // twice (a re-import) changes nothing. Rollup rows are upserted in key order, as the live writer takes them: the two
    // never deadlock. Units and amounts arrive as whole thousandths and cents, exact at the ledger's scales.
    private const string Insert = """
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
            ON CONFLICT (store_id, local_hour, item_code) DO UPDATE
                SET units = sale_item_hour.units + excluded.units,
                    amount = sale_item_hour.amount + excluded.amount,
                    lines = sale_item_hour.lines + excluded.lines
        )
        SELECT count(*) FROM inserted
        """;

    /// <summary>Writes one chunk of the oldest unfinished job nobody else is working; null when there is none.</summary>
    public async Task<HistoryImportChunkWritten?> RunNextChunk(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var jobId = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT job_id FROM history_import_job WHERE status <> 'done' ORDER BY submitted_at, job_id LIMIT 1 FOR UPDATE SKIP LOCKED",
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (jobId is null)
        {
            return null;
        }

        var chunk = await connection.QuerySingleOrDefaultAsync<ChunkRow>(new CommandDefinition(
            "SELECT chunk_number, rows, data FROM history_import_chunk WHERE job_id = @jobId ORDER BY chunk_number LIMIT 1",
            new { jobId },
            transaction,
            cancellationToken: cancellationToken))
            // Chunks are stored with their job in one transaction and each is deleted with the progress it made: an
            // unfinished job without one is broken, and answering "nothing written" would have the worker ask again for ever.
            ?? throw new InvalidDataException($"History import job {jobId} is unfinished but has no chunk left.");

        var lines = HistoryChunkCodec.Read(chunk.data, chunk.rows);
        var sales = await Stage(connection, lines, cancellationToken);
        await using var insert = new NpgsqlCommand(Insert, connection, transaction);
        var added = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

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
            new { jobId, number = chunk.chunk_number, rows = chunk.rows, added, held = sales - added, now = LedgerTime.Now(clock).UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new HistoryImportChunkWritten(jobId, chunk.rows, added, sales - added, done, [.. lines.Select(l => l.StoreId).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Copies the chunk's sales (its lines summed) and lines into the staging tables; the number of sales.</summary>
    private static async Task<long> Stage(NpgsqlConnection connection, List<HistoryLine> lines, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateStaging, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // A sale's lines are numbered in file order; its total is the sum of their amounts.
        var sales = new Dictionary<(string StoreId, string TerminalId, long Sequence), (int Lines, long Cents)>();
        await using (var copy = await connection.BeginBinaryImportAsync(CopyLines, cancellationToken))
        {
            foreach (var line in lines)
            {
                var lineNumber = Count(sales, line);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(line.StoreId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(line.TerminalId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(line.Sequence, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(lineNumber, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(line.ItemCode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(line.MilliUnits, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(line.UnitCents, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(line.Cents, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(line.LocalHour, NpgsqlDbType.Timestamp, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(CopySales, cancellationToken))
        {
            foreach (var ((storeId, terminalId, sequence), sale) in sales)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(storeId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(terminalId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(DateTimeOffset.FromUnixTimeSeconds(sequence).UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(sale.Cents, NpgsqlDbType.Bigint, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        return sales.Count;
    }

    /// <summary>Adds the line to its sale; its number within the sale.</summary>
    private static int Count(Dictionary<(string StoreId, string TerminalId, long Sequence), (int Lines, long Cents)> sales, HistoryLine line)
    {
        ref var sale = ref CollectionsMarshal.GetValueRefOrAddDefault(sales, (line.StoreId, line.TerminalId, line.Sequence), out _);
        sale.Lines++;
        sale.Cents += line.Cents;
        return sale.Lines;
    }

    private sealed record ChunkRow(int chunk_number, int rows, byte[] data);
}

/// <summary>One chunk written: its job, rows, the sales it added and those the ledger held already, whether the job is done, and its stores.</summary>
public sealed record HistoryImportChunkWritten(string JobId, int Rows, long SalesAdded, long SalesHeld, bool JobDone, IReadOnlyList<string> Stores);
