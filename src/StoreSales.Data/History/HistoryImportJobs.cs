using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// History import jobs (migration 0310): an uploaded file is read and checked row by row as it arrives, its good rows packed
/// into chunks of whole sales and stored with the job in one transaction, so the upload is answered once the file is in and
/// the ledger is written in the background by <see cref="HistoryImportRunner"/>. With "stop at the first" a bad row refuses
/// the whole file (nothing is kept); with "skip" it is counted and listed with its line and the import goes on.
/// </summary>
public sealed class HistoryImportJobs(NpgsqlDataSource dataSource, IOptions<HistoryImportOptions> options, TimeProvider clock)
{
    public const string JobPrefix = "hist-";

    public async Task<HistoryImportSubmission> Submit(Stream content, string? fileName, string importedBy, string onBadRow, CancellationToken cancellationToken)
    {
        if (!HistoryBadRows.IsKnown(onBadRow))
        {
            throw new ArgumentOutOfRangeException(nameof(onBadRow), onBadRow, "Expected 'skip' or 'stop'.");
        }

        using var file = await HistoryImportFile.Open(content, cancellationToken);
        var header = file.CheckHeader();
        if (!header.IsEmpty)
        {
            return new HistoryImportRefused(header);
        }

        var jobId = JobPrefix + Guid.CreateVersion7().ToString("N");
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var stores = await Stores(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO history_import_job (job_id, file_name, imported_by, on_bad_row, status, total_rows, chunks, submitted_at)
            VALUES (@jobId, @fileName, @importedBy, @onBadRow, 'queued', 0, 0, @now)
            """,
            new { jobId, fileName, importedBy, onBadRow, now = LedgerTime.Now(clock).UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));

        using var chunk = new ChunkBuilder();
        var chunks = 0;
        long total = 0, bad = 0;
        DateOnly? firstDay = null, lastDay = null;
        var listed = new List<HistoryImportProblem>();
        await foreach (var (line, check) in file.Rows(stores, cancellationToken))
        {
            total++;
            if (check.Problem is { } problem)
            {
                var badRow = new HistoryImportProblem(line, problem.Field, problem.Reason, problem.Message);
                if (onBadRow == HistoryBadRows.Stop)
                {
                    // Nothing of the file is kept: the transaction holding the job and its chunks is rolled back on dispose.
                    return new HistoryImportRefused([$"Line {line}: {problem.Message}"], badRow);
                }

                bad++;
                if (listed.Count < settings.ListedProblems)
                {
                    listed.Add(badRow);
                }

                continue;
            }

            var sale = check.Line!.Value;
            // A chunk ends only between two sales, so a sale's lines are always written together.
            if (chunk.Rows >= settings.ChunkRows && !chunk.IsSameSale(sale))
            {
                await Store(connection, transaction, jobId, ++chunks, chunk, cancellationToken);
                chunk.Clear();
            }

            chunk.Add(line, sale);
            var day = DateOnly.FromDateTime(sale.LocalHour);
            firstDay = firstDay is { } f && f <= day ? f : day;
            lastDay = lastDay is { } l && l >= day ? l : day;
        }

        if (total == 0)
        {
            return new HistoryImportRefused(["The file has a header but no rows."]);
        }

        if (chunk.Rows > 0)
        {
            await Store(connection, transaction, jobId, ++chunks, chunk, cancellationToken);
        }

        await WriteProblems(connection, jobId, listed, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE history_import_job
            SET total_rows = @total, bad_rows = @bad, chunks = @chunks, first_day = @firstDay, last_day = @lastDay,
                status = CASE WHEN @chunks = 0 THEN 'done' ELSE 'queued' END,
                finished_at = CASE WHEN @chunks = 0 THEN submitted_at END
            WHERE job_id = @jobId
            """,
            new { jobId, total, bad, chunks, firstDay = firstDay?.ToDateTime(TimeOnly.MinValue), lastDay = lastDay?.ToDateTime(TimeOnly.MinValue) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new HistoryImportQueued(jobId, total, bad);
    }

    /// <summary>The job, if <paramref name="importedBy"/> submitted it (null: anyone's, for an administrator).</summary>
    public async Task<HistoryImportJob?> Find(string jobId, string? importedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            """
            SELECT job_id, file_name, imported_by, on_bad_row, status, total_rows, bad_rows, chunks, chunks_done, rows_done, sales_added,
                   sales_held, first_day, last_day, submitted_at, started_at, finished_at
            FROM history_import_job WHERE job_id = @jobId AND (@importedBy::text IS NULL OR imported_by = @importedBy)
            """,
            new { jobId, importedBy },
            cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <summary>The listed bad rows after <paramref name="afterLine"/>, in line order, a page at a time.</summary>
    public async Task<IReadOnlyList<HistoryImportProblem>> Problems(string jobId, long afterLine, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Line, string? Field, string Reason, string Message)>(new CommandDefinition(
            """
            SELECT line_number, field, reason, message FROM history_import_problem
            WHERE job_id = @jobId AND line_number > @afterLine ORDER BY line_number LIMIT @limit
            """,
            new { jobId, afterLine, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new HistoryImportProblem(r.Line, r.Field, r.Reason, r.Message))];
    }

    /// <summary>Every store with its zone and its local today by this clock: a row of that day or later is the live path's.</summary>
    private async Task<Dictionary<string, HistoryStore>> Stores(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await connection.QueryAsync<(string StoreId, string TimeZone)>(new CommandDefinition(
            "SELECT store_id, time_zone FROM store", cancellationToken: cancellationToken));
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        return rows.ToDictionary(
            r => r.StoreId,
            r =>
            {
                if (!zones.TryGetValue(r.TimeZone, out var zone))
                {
                    zones[r.TimeZone] = zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone);
                }

                return new HistoryStore(zone, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime));
            },
            StringComparer.Ordinal);
    }

    private static async Task Store(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, int number, ChunkBuilder chunk, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO history_import_chunk (job_id, chunk_number, first_line, rows, data) VALUES (@jobId, @number, @firstLine, @rows, @data)",
            connection,
            transaction);
        insert.Parameters.AddWithValue("jobId", jobId);
        insert.Parameters.AddWithValue("number", number);
        insert.Parameters.AddWithValue("firstLine", chunk.FirstLine);
        insert.Parameters.AddWithValue("rows", chunk.Rows);
        insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = chunk.Bytes() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteProblems(NpgsqlConnection connection, string jobId, List<HistoryImportProblem> problems, CancellationToken cancellationToken)
    {
        if (problems.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY history_import_problem (job_id, line_number, field, reason, message) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var problem in problems)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(jobId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(problem.Line, NpgsqlDbType.Bigint, cancellationToken);
            if (problem.Field is { } field)
            {
                await copy.WriteAsync(field, NpgsqlDbType.Text, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await copy.WriteAsync(problem.Reason, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(problem.Message, NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>The good rows of one chunk as they are read, packed.</summary>
    private sealed class ChunkBuilder : IDisposable
    {
        private readonly MemoryStream _bytes = new();
        private readonly BinaryWriter _writer;
        private HistoryLine _last;

        public ChunkBuilder() => _writer = new BinaryWriter(_bytes);

        public int Rows { get; private set; }

        public long FirstLine { get; private set; }

        public bool IsSameSale(HistoryLine line) =>
            Rows > 0 && line.Sequence == _last.Sequence && line.TerminalId == _last.TerminalId && line.StoreId == _last.StoreId;

        public void Add(long line, HistoryLine sale)
        {
            if (Rows == 0)
            {
                FirstLine = line;
            }

            HistoryChunkCodec.Write(_writer, sale);
            _last = sale;
            Rows++;
        }

        public byte[] Bytes()
        {
            _writer.Flush();
            return _bytes.ToArray();
        }

        public void Clear()
        {
            _writer.Flush();
            _bytes.SetLength(0);
            Rows = 0;
        }

        public void Dispose() => _writer.Dispose();
    }

    // Properties, not a positional record: Dapper matches a constructor only on exact types, and a nullable date column
    // comes as DateOnly.
    private sealed class JobRow
    {
        public string job_id { get; init; } = "";
        public string? file_name { get; init; }
        public string imported_by { get; init; } = "";
        public string on_bad_row { get; init; } = "";
        public string status { get; init; } = "";
        public long total_rows { get; init; }
        public long bad_rows { get; init; }
        public int chunks { get; init; }
        public int chunks_done { get; init; }
        public long rows_done { get; init; }
        public long sales_added { get; init; }
        public long sales_held { get; init; }
        public DateOnly? first_day { get; init; }
        public DateOnly? last_day { get; init; }
        public DateTime submitted_at { get; init; }
        public DateTime? started_at { get; init; }
        public DateTime? finished_at { get; init; }

        public HistoryImportJob ToJob() => new(
            job_id, file_name, imported_by, on_bad_row, status, total_rows, bad_rows, chunks, chunks_done, rows_done, sales_added, sales_held,
            first_day, last_day, LedgerTime.Utc(submitted_at), started_at is { } s ? LedgerTime.Utc(s) : null, finished_at is { } e ? LedgerTime.Utc(e) : null);
    }
}
