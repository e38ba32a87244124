using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers.Import;

namespace StoreSales.Data.Customers.Import;

/// <summary>
/// Import jobs (migration 0290): a file is read as it is uploaded and its rows copied into the job (binary COPY, in one
/// transaction with the job), so the upload is answered as soon as the file is in and the rows are worked in the
/// background by <see cref="CustomerImportRunner"/>. Progress and the rows that added nothing are read from here.
/// </summary>
public sealed class CustomerImportJobs(NpgsqlDataSource dataSource, IOptions<CustomerImportOptions> options, TimeProvider clock)
{
    public const string JobPrefix = "imp-";

    private const string CopyRows =
        "COPY customer_import_row (job_id, row_number, row_key, kind, name, phone, credit_code, member_code, owner_rep_id, department_id, service_from, service_to, problem) FROM STDIN (FORMAT BINARY)";

    /// <summary>Reads the file and queues a job for its rows; a file whose header or size will not do is refused whole.</summary>
    public async Task<CustomerImportSubmission> Submit(Stream content, string? fileName, string importedBy, ViewerScope importer, CancellationToken cancellationToken)
    {
        await using var file = CustomerImportFile.Open(content);
        var problems = await file.ReadHeader(cancellationToken);
        if (!problems.IsEmpty)
        {
            return new CustomerImportFileRefused(problems);
        }

        var jobId = JobPrefix + Guid.CreateVersion7().ToString("N");
        var maxRows = options.Value.MaxRows;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO customer_import_job (job_id, file_name, imported_by, importer, status, total, submitted_at)
            VALUES (@jobId, @fileName, @importedBy, @importer::jsonb, 'queued', 0, @now)
            """,
            new { jobId, fileName, importedBy, importer = ImporterScope.ToJson(importer), now = LedgerTime.Now(clock).UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));

        var total = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(CopyRows, cancellationToken))
        {
            while (await file.Next(cancellationToken) is { } row)
            {
                if (++total > maxRows)
                {
                    // Disposing the importer without Complete cancels the COPY; the transaction is rolled back below.
                    break;
                }

                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(jobId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.RowNumber, NpgsqlDbType.Integer, cancellationToken);
                foreach (var value in (string?[])[row.RowKey, row.Kind, row.Name, row.Phone, row.CreditCode, row.MemberCode, row.OwnerRepId, row.DepartmentId, row.ServiceFrom, row.ServiceTo, row.Problem])
                {
                    await WriteText(copy, value, cancellationToken);
                }
            }

            if (total is > 0 && total <= maxRows)
            {
                await copy.CompleteAsync(cancellationToken);
            }
        }

        if (total == 0)
        {
            return new CustomerImportFileRefused(["The file has a header but no rows."]);
        }

        if (total > maxRows)
        {
            return new CustomerImportFileRefused([$"The file has more than {maxRows} rows (SalesForce:Customers:Import:MaxRows): split it."]);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE customer_import_job SET total = @total WHERE job_id = @jobId", new { jobId, total }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new CustomerImportQueued(jobId, total);
    }

    /// <summary>The job, if <paramref name="importedBy"/> submitted it (null: any importer's, for an administrator).</summary>
    public async Task<CustomerImportJob?> Find(string jobId, string? importedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            """
            SELECT job_id, file_name, imported_by, status, total, done, created, already_imported, duplicates, rejected,
                   submitted_at, started_at, finished_at
            FROM customer_import_job WHERE job_id = @jobId AND (@importedBy::text IS NULL OR imported_by = @importedBy)
            """,
            new { jobId, importedBy },
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new CustomerImportJob(row.job_id, row.file_name, row.imported_by, row.status, row.total, row.done, row.created, row.already_imported,
                row.duplicates, row.rejected, LedgerTime.Utc(row.submitted_at), row.started_at is { } s ? LedgerTime.Utc(s) : null,
                row.finished_at is { } f ? LedgerTime.Utc(f) : null);
    }

    /// <summary>The rows that added nothing (rejected, or duplicates), in row order, a page at a time.</summary>
    public async Task<IReadOnlyList<CustomerImportIssue>> Issues(string jobId, int afterRow, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<IssueRow>(new CommandDefinition(
            """
            SELECT o.row_number, r.row_key, o.outcome, coalesce(o.field, o.matched_by) AS field, o.reason, o.message, o.customer_id
            FROM customer_import_outcome o
            JOIN customer_import_row r ON r.job_id = o.job_id AND r.row_number = o.row_number
            WHERE o.job_id = @jobId AND o.outcome IN ('rejected', 'duplicate') AND o.row_number > @afterRow
            ORDER BY o.row_number
            LIMIT @limit
            """,
            new { jobId, afterRow, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CustomerImportIssue(r.row_number, r.row_key, r.outcome, r.field, r.reason, r.message, r.customer_id))];
    }

    private static Task WriteText(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private sealed record JobRow(
        string job_id, string? file_name, string imported_by, string status, int total, int done, int created, int already_imported,
        int duplicates, int rejected, DateTime submitted_at, DateTime? started_at, DateTime? finished_at);

    private sealed record IssueRow(int row_number, string? row_key, string outcome, string? field, string? reason, string? message, string? customer_id);
}
