using System.Collections.Immutable;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Customers.Import;

namespace StoreSales.Data.Customers.Import;

/// <summary>
/// Works import jobs one chunk at a time (docs/domain.md "Customer import"). A chunk is one transaction: the job row is
/// locked (another command center skips it meanwhile), the next <see cref="CustomerImportOptions.ChunkSize"/> rows after
/// <c>done</c> are checked (<see cref="ImportRowRule"/>) and decided (<see cref="ImportDeduplication"/>) against the row
/// keys and customer keys already held, read in two statements; the new customers and their keys are copied into
/// staging tables (binary COPY) and inserted set-based; the outcomes are copied in and the job's counts moved on. Killed
/// anywhere, the chunk rolls back whole and the next run starts again from <c>done</c>: every row gets exactly one
/// outcome. Should a create through the API take one of the chunk's keys between the read and the insert, the insert
/// finds fewer rows than it staged and the chunk is rolled back and decided again.
/// </summary>
public sealed class CustomerImportRunner(NpgsqlDataSource dataSource, IOptions<CustomerImportOptions> options, IOptions<CustomerIdentityOptions> identity, IOptions<ChainCalendarOptions> calendar, TimeProvider clock)
{
    private const int Attempts = 5;

    private const string CopyStagedCustomers =
        "COPY import_stage_customer (customer_id, kind, display_name, normalized_name, phone, credit_code, member_code, owner_rep_id, department_id, service_from, service_to, import_row_key) FROM STDIN (FORMAT BINARY)";

    private const string CopyStagedKeys = "COPY import_stage_key (key, customer_id) FROM STDIN (FORMAT BINARY)";

    private const string CopyOutcomes =
        "COPY customer_import_outcome (job_id, row_number, outcome, customer_id, matched_by, field, reason, message) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Works one chunk of the oldest unfinished job nobody else is working; null when there is none. A chunk that lost
    /// a race for a key is decided again, up to a few times.
    /// </summary>
    public async Task<CustomerImportChunk?> RunNextChunk(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryChunk(cancellationToken);
            }
            catch (ChunkRaceLostException) when (attempt < Attempts)
            {
            }
            catch (PostgresException e) when (attempt < Attempts && e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.DeadlockDetected)
            {
            }
        }
    }

    private async Task<CustomerImportChunk?> TryChunk(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            """
            SELECT job_id, importer::text AS importer, done, total FROM customer_import_job
            WHERE status <> 'done' ORDER BY submitted_at, job_id LIMIT 1 FOR UPDATE SKIP LOCKED
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (job is null)
        {
            return null;
        }

        var rows = (await connection.QueryAsync<RowRow>(new CommandDefinition(
            """
            SELECT row_number, row_key, kind, name, phone, credit_code, member_code, owner_rep_id, department_id, service_from, service_to, problem
            FROM customer_import_row WHERE job_id = @job AND row_number > @done ORDER BY row_number LIMIT @limit
            """,
            new { job = job.job_id, job.done, limit = options.Value.ChunkSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            // Rows 1..total are written with the job in one transaction: none left before `total` is a broken job, and
            // answering "a chunk of nothing" would have the worker ask again at once, for ever.
            throw new InvalidDataException($"Import job {job.job_id} has done {job.done} of {job.total} rows but no row after {job.done}.");
        }

        var importer = ImporterScope.FromJson(job.importer);
        var master = await MasterData(connection, transaction, cancellationToken);
        var today = ChainCalendar.DateOf(clock.GetUtcNow(), calendar.Value.Zone());
        var checkedRows = rows
            .Select(r => (r.row_number, Check: ImportRowRule.Check(r.ToImportRow(), importer, today, identity.Value, master)))
            .Select(r => (r.row_number, r.Check.Candidate, r.Check.Rejection))
            .ToList();

        var candidates = checkedRows.Where(r => r.Candidate is not null).Select(r => r.Candidate!).ToList();
        var importedRowKeys = await HeldBy(
            connection, transaction, "SELECT import_row_key, coalesce(merged_into, customer_id) FROM customer WHERE import_row_key = ANY(@wanted)",
            candidates.Select(c => c.RowKey), cancellationToken);
        var heldKeys = await HeldBy(
            connection, transaction, "SELECT key, customer_id FROM customer_key WHERE key = ANY(@wanted)",
            candidates.SelectMany(c => c.Keys).Select(k => k.Text), cancellationToken);
        var outcomes = await NamingEarlierRows(
            connection, transaction, job.job_id, ImportDeduplication.Decide(checkedRows, importedRowKeys, heldKeys, CustomerIds.New), cancellationToken);

        var created = outcomes.Where(o => o.Kind == ImportOutcomeKind.Created).ToList();
        await InsertCustomers(connection, transaction, created, cancellationToken);
        await WriteOutcomes(connection, transaction, job.job_id, outcomes, cancellationToken);

        var count = (ImportOutcomeKind kind) => outcomes.Count(o => o.Kind == kind);
        var now = LedgerTime.Now(clock).UtcDateTime;
        var finished = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            UPDATE customer_import_job
            SET done = done + @done, created = created + @created, already_imported = already_imported + @alreadyImported,
                duplicates = duplicates + @duplicates, rejected = rejected + @rejected,
                status = CASE WHEN done + @done >= total THEN 'done' ELSE 'running' END,
                started_at = coalesce(started_at, @now),
                finished_at = CASE WHEN done + @done >= total THEN @now END
            WHERE job_id = @job
            RETURNING status = 'done'
            """,
            new
            {
                job = job.job_id,
                done = outcomes.Count,
                created = created.Count,
                alreadyImported = count(ImportOutcomeKind.AlreadyImported),
                duplicates = count(ImportOutcomeKind.Duplicate),
                rejected = count(ImportOutcomeKind.Rejected),
                now,
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        var tally = outcomes
            .GroupBy(o => (Describe(o).Outcome, o.Rejection?.Reason))
            .Select(g => new CustomerImportTally(g.Key.Outcome, g.Key.Reason, g.Count()))
            .ToList();
        return new CustomerImportChunk(job.job_id, outcomes.Count, created.Count, finished, tally);
    }

    /// <summary>
    /// A duplicate of a customer that an earlier chunk of this job made is a duplicate within the file: it names that
    /// row, as it would had both rows been in one chunk.
    /// </summary>
    private static async Task<IReadOnlyList<ImportOutcome>> NamingEarlierRows(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, IReadOnlyList<ImportOutcome> outcomes, CancellationToken cancellationToken)
    {
        var holders = outcomes.Where(o => o is { Kind: ImportOutcomeKind.Duplicate, EarlierRow: null }).Select(o => o.CustomerId!).Distinct(StringComparer.Ordinal).ToArray();
        if (holders.Length == 0)
        {
            return outcomes;
        }

        var madeHere = (await connection.QueryAsync<(string CustomerId, int RowNumber)>(new CommandDefinition(
            "SELECT customer_id, row_number FROM customer_import_outcome WHERE job_id = @jobId AND outcome = 'created' AND customer_id = ANY(@holders)",
            new { jobId, holders },
            transaction,
            cancellationToken: cancellationToken))).ToDictionary(m => m.CustomerId, m => m.RowNumber, StringComparer.Ordinal);
        return [.. outcomes.Select(o => o is { Kind: ImportOutcomeKind.Duplicate, EarlierRow: null } && madeHere.TryGetValue(o.CustomerId!, out var row) ? o with { EarlierRow = row } : o)];
    }

    /// <summary>The reps (with their store and team) and the sales teams that exist: a rep's department, a store's own team.</summary>
    private static async Task<ImportMasterData> MasterData(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var reps = (await connection.QueryAsync<(string RepId, string StoreId, string DepartmentId, bool Active)>(new CommandDefinition(
            "SELECT rep_id, store_id, department_id, active FROM rep", transaction: transaction, cancellationToken: cancellationToken)))
            .ToImmutableDictionary(r => r.RepId, r => new ImportRep(r.StoreId, r.DepartmentId, r.Active), StringComparer.Ordinal);
        var stores = await connection.QueryAsync<string>(new CommandDefinition("SELECT store_id FROM store", transaction: transaction, cancellationToken: cancellationToken));
        return new ImportMasterData(reps, reps.Values.Select(r => r.DepartmentId).Concat(stores).ToImmutableHashSet(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<string, string>> HeldBy(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, IEnumerable<string> wanted, CancellationToken cancellationToken)
    {
        var held = await connection.QueryAsync<(string Key, string CustomerId)>(new CommandDefinition(
            sql, new { wanted = wanted.Distinct(StringComparer.Ordinal).ToArray() }, transaction, cancellationToken: cancellationToken));
        return held.ToDictionary(h => h.Key, h => h.CustomerId, StringComparer.Ordinal);
    }

    /// <summary>
    /// The chunk's new customers and their keys, staged by binary COPY and inserted by two statements. Keys in ordinal
    /// order, as a single create takes them, so that concurrent writers wait for each other instead of deadlocking.
    /// </summary>
    private async Task InsertCustomers(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ImportOutcome> created, CancellationToken cancellationToken)
    {
        if (created.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TEMP TABLE import_stage_customer (
                customer_id text COLLATE "C", kind text, display_name text, normalized_name text, phone text,
                credit_code text COLLATE "C", member_code text COLLATE "C", owner_rep_id text COLLATE "C",
                department_id text COLLATE "C", service_from date, service_to date, import_row_key text COLLATE "C"
            ) ON COMMIT DROP;
            CREATE TEMP TABLE import_stage_key (key text COLLATE "C", customer_id text COLLATE "C") ON COMMIT DROP;
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));

        var keyCount = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(CopyStagedCustomers, cancellationToken))
        {
            foreach (var outcome in created)
            {
                var c = outcome.Candidate!;
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(outcome.CustomerId!, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(StoredNames.Of(c.Kind), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.DisplayName, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.NormalizedName, NpgsqlDbType.Text, cancellationToken);
                await WriteText(copy, c.Phone, cancellationToken);
                await WriteText(copy, c.CreditCode, cancellationToken);
                await WriteText(copy, c.MemberCode, cancellationToken);
                await copy.WriteAsync(c.OwnerRepId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.DepartmentId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.ServiceFrom, NpgsqlDbType.Date, cancellationToken);
                if (c.ServiceTo is { } to)
                {
                    await copy.WriteAsync(to, NpgsqlDbType.Date, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await copy.WriteAsync(c.RowKey, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(CopyStagedKeys, cancellationToken))
        {
            foreach (var outcome in created)
            {
                foreach (var key in outcome.Candidate!.Keys)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(key.Text, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(outcome.CustomerId!, NpgsqlDbType.Text, cancellationToken);
                    keyCount++;
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var now = LedgerTime.Now(clock).UtcDateTime;
        var customers = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, phone, credit_code, member_code,
                                  owner_rep_id, department_id, service_from, service_to, created_at, updated_at, import_row_key)
            SELECT customer_id, kind, display_name, normalized_name, phone, credit_code, member_code,
                   owner_rep_id, department_id, service_from, service_to, @now, @now, import_row_key
            FROM import_stage_customer
            ON CONFLICT (import_row_key) DO NOTHING
            """,
            new { now },
            transaction,
            cancellationToken: cancellationToken));
        if (customers != created.Count)
        {
            throw new ChunkRaceLostException();
        }

        var keys = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer_key (key, customer_id)
            SELECT key, customer_id FROM import_stage_key ORDER BY key
            ON CONFLICT (key) DO NOTHING
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (keys != keyCount)
        {
            throw new ChunkRaceLostException();
        }
    }

    private static async Task WriteOutcomes(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, IReadOnlyList<ImportOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(CopyOutcomes, cancellationToken);
        foreach (var outcome in outcomes)
        {
            var (name, field, reason, message) = Describe(outcome);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(jobId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(outcome.RowNumber, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(name, NpgsqlDbType.Text, cancellationToken);
            await WriteText(copy, outcome.CustomerId, cancellationToken);
            await WriteText(copy, outcome.MatchedBy is { } matched ? ImportColumns.Of(FieldOf(matched)) : null, cancellationToken);
            await WriteText(copy, field, cancellationToken);
            await WriteText(copy, reason, cancellationToken);
            await WriteText(copy, message, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>How an outcome is stored: its name, and for a row that added nothing the field, reason and a sentence.</summary>
    private static (string Outcome, string? Field, string? Reason, string? Message) Describe(ImportOutcome outcome) => outcome.Kind switch
    {
        ImportOutcomeKind.Created => ("created", null, null, null),
        ImportOutcomeKind.AlreadyImported => ("already-imported", null, null, null),
        ImportOutcomeKind.Duplicate => ("duplicate", null, "duplicate", outcome.EarlierRow is { } earlier
            ? $"Row {earlier} of this file has the same {ImportColumns.Of(FieldOf(outcome.MatchedBy!.Value))}: one customer, one id ({outcome.CustomerId})."
            : $"Customer '{outcome.CustomerId}' has the same {ImportColumns.Of(FieldOf(outcome.MatchedBy!.Value))}: one customer, one id."),
        ImportOutcomeKind.Rejected => ("rejected", outcome.Rejection!.Field, outcome.Rejection.Reason, outcome.Rejection.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, null),
    };

    private static CustomerField FieldOf(CustomerKeyKind kind) => kind switch
    {
        CustomerKeyKind.MemberCode => CustomerField.MemberCode,
        CustomerKeyKind.Phone => CustomerField.Phone,
        CustomerKeyKind.CreditCode => CustomerField.CreditCode,
        CustomerKeyKind.Name => CustomerField.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Task WriteText(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    /// <summary>A concurrent writer took a row key or customer key of the chunk after it was read: decide the chunk again.</summary>
    private sealed class ChunkRaceLostException : Exception;

    private sealed record JobRow(string job_id, string importer, int done, int total);

    private sealed record RowRow(
        int row_number, string? row_key, string? kind, string? name, string? phone, string? credit_code, string? member_code,
        string? owner_rep_id, string? department_id, string? service_from, string? service_to, string? problem)
    {
        public ImportRow ToImportRow() =>
            new(row_number, row_key, kind, name, phone, credit_code, member_code, owner_rep_id, department_id, service_from, service_to, problem);
    }
}

/// <summary>One chunk worked: how many rows it decided and created, whether its job is now done, and its outcomes counted.</summary>
public sealed record CustomerImportChunk(string JobId, int Rows, int Created, bool JobDone, IReadOnlyList<CustomerImportTally> Outcomes);

/// <summary>How many rows of a chunk had one outcome (and, for rejections, one reason).</summary>
public sealed record CustomerImportTally(string Outcome, string? Reason, int Rows);
