using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.Credit;

/// <summary>Which documents a CSV file holds.</summary>
public enum CreditDocumentKind
{
    Receivables = 0,
    Payments = 1,
}

/// <summary>One row of an import that was not kept: its line, document number when it has one, the field and rule, and why.</summary>
public sealed record ImportedRowRejection(long Line, string? DocumentNo, string Field, string Rule, string Message);

/// <summary>
/// What an import did: rows read, kept now, already kept (a re-import), and every rejected row with its line. With
/// <see cref="Stopped"/> the import stopped at the first rejected row and kept nothing.
/// </summary>
public sealed record CreditImportReport(
    CreditDocumentKind Kind,
    int Rows,
    int Recorded,
    int AlreadyRecorded,
    IReadOnlyList<ImportedRowRejection> Rejected,
    bool Stopped,
    IReadOnlyList<string> HeaderProblems)
{
    /// <summary>The customers a row was kept for (committed): whose live three-way match status to read again.</summary>
    public IReadOnlyList<string> CustomersChanged { get; init; } = [];
}

/// <summary>
/// Imports an ERP export of receivables or payments (docs/domain.md "Credit hold"), row by row under the same rules as
/// the API (<see cref="CreditDocuments"/>, <see cref="CreditLedger"/>): idempotent by document number. The caller
/// chooses what a bad row does: <c>stopOnError</c> keeps the whole file in one transaction and keeps nothing when a row is
/// rejected (the report names it); otherwise every good row is kept and every bad one reported with its line.
/// </summary>
public sealed class CreditImport(NpgsqlDataSource dataSource, CreditLedger ledger, IOptions<CreditOptions> options, IOptions<ChainCalendarOptions> calendar, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> ReceivableColumns = ["document_no", "customer_id", "amount", "issued_on", "due_on"];
    public static readonly IReadOnlyList<string> ReceivableOptional = ["currency", "order_id"];
    public static readonly IReadOnlyList<string> PaymentColumns = ["document_no", "customer_id", "amount", "paid_at"];
    public static readonly IReadOnlyList<string> PaymentOptional = ["currency", "applied_to"];

    public async Task<CreditImportReport> Import(CreditDocumentKind kind, Stream content, bool stopOnError, string recordedBy, CancellationToken cancellationToken)
    {
        using var file = await CreditImportFile.Open(content, cancellationToken);
        var header = kind == CreditDocumentKind.Receivables
            ? file.CheckHeader(ReceivableColumns, ReceivableOptional)
            : file.CheckHeader(PaymentColumns, PaymentOptional);
        if (header.Count > 0)
        {
            return new CreditImportReport(kind, 0, 0, 0, [], true, header);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = stopOnError ? await connection.BeginTransactionAsync(cancellationToken) : null;
        var zone = calendar.Value.Zone();
        int rows = 0, recorded = 0, again = 0;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var rejected = new List<ImportedRowRejection>();
        await foreach (var (line, fields, problem) in file.Rows(cancellationToken))
        {
            rows++;
            ImportedRowRejection? rejection;
            if (rows > options.Value.ImportMaxRows)
            {
                rejection = new ImportedRowRejection(line, null, "file", "too-many-rows", $"A file takes at most {options.Value.ImportMaxRows} rows (Credit:ImportMaxRows); split it.");
                rows--;
            }
            else if (fields is null)
            {
                rejection = new ImportedRowRejection(line, null, "row", "wrong-shape", problem!);
            }
            else
            {
                var (kept, refusal) = await Keep(connection, transaction, kind, line, fields, zone, recordedBy, cancellationToken);
                rejection = refusal;
                recorded += kept == DocumentKept.Recorded ? 1 : 0;
                again += kept == DocumentKept.AlreadyRecorded ? 1 : 0;
                if (kept == DocumentKept.Recorded && fields.GetValueOrDefault("customer_id") is { Length: > 0 } customerId)
                {
                    changed.Add(customerId.Trim());
                }
            }

            if (rejection is not null)
            {
                rejected.Add(rejection);
                if (stopOnError || rejection.Rule == "too-many-rows")
                {
                    break;
                }
            }
        }

        if (transaction is not null)
        {
            if (rejected.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new CreditImportReport(kind, rows, 0, 0, rejected, true, []);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new CreditImportReport(kind, rows, recorded, again, rejected, rejected.Any(r => r.Rule == "too-many-rows"), []) { CustomersChanged = [.. changed] };
    }

    private async Task<(DocumentKept? Kept, ImportedRowRejection? Refusal)> Keep(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CreditDocumentKind kind, long line, IReadOnlyDictionary<string, string?> fields,
        TimeZoneInfo zone, string recordedBy, CancellationToken cancellationToken)
    {
        var documentNo = fields["document_no"];
        var customerId = fields["customer_id"];
        var amount = CreditImportFile.Amount(fields["amount"]);
        if (fields["amount"] is not null && amount is null)
        {
            return (null, new ImportedRowRejection(line, documentNo, "amount", "invalid-amount", $"'{fields["amount"]}' is no amount (write 186400.00)."));
        }

        if (kind == CreditDocumentKind.Receivables)
        {
            var issued = CreditImportFile.Date(fields["issued_on"]);
            var due = CreditImportFile.Date(fields["due_on"]);
            foreach (var (column, text, value) in new[] { ("issued_on", fields["issued_on"], issued), ("due_on", fields["due_on"], due) })
            {
                if (text is not null && value is null)
                {
                    return (null, new ImportedRowRejection(line, documentNo, column, "invalid-date", $"'{text}' is no date (write yyyy-MM-dd)."));
                }
            }

            var check = CreditDocuments.CheckReceivable(documentNo, customerId, amount, fields.GetValueOrDefault("currency"), issued, due, fields.GetValueOrDefault("order_id"), options.Value);
            if (!check.IsValid)
            {
                return (null, Invalid(line, documentNo, check.Errors));
            }

            var kept = await ledger.Keep(connection, transaction, check.Document!, recordedBy, cancellationToken);
            return (kept, Refused(line, kept, check.Document!.DocumentNo, check.Document.CustomerId, null));
        }

        var paidAt = CreditImportFile.Instant(fields["paid_at"], zone);
        if (fields["paid_at"] is not null && paidAt is null)
        {
            return (null, new ImportedRowRejection(line, documentNo, "paid_at", "invalid-time", $"'{fields["paid_at"]}' is no time (write 2026-11-20T10:00:00+08:00, or a local time yyyy-MM-dd HH:mm)."));
        }

        var payment = CreditDocuments.CheckPayment(documentNo, customerId, amount, fields.GetValueOrDefault("currency"), paidAt, fields.GetValueOrDefault("applied_to"), clock.GetUtcNow(), options.Value);
        if (!payment.IsValid)
        {
            return (null, Invalid(line, documentNo, payment.Errors));
        }

        var result = await ledger.Keep(connection, transaction, payment.Document!, recordedBy, cancellationToken);
        return (result, Refused(line, result, payment.Document!.DocumentNo, payment.Document.CustomerId, payment.Document.AppliedTo));
    }

    private static ImportedRowRejection Invalid(long line, string? documentNo, IReadOnlyDictionary<string, string[]> errors)
    {
        var (field, messages) = errors.First();
        return new ImportedRowRejection(line, documentNo, Column(field), "invalid-" + Column(field).Replace('_', '-'), string.Join(" ", messages));
    }

    private static ImportedRowRejection? Refused(long line, DocumentKept kept, string documentNo, string customerId, string? appliedTo) =>
        kept is DocumentKept.Recorded or DocumentKept.AlreadyRecorded
            ? null
            : new ImportedRowRejection(line, documentNo, Column(kept.Field()), kept.Rule(), kept.Sentence(documentNo, customerId, appliedTo));

    /// <summary>The API's field name as the file's column (<c>documentNo</c> → <c>document_no</c>).</summary>
    private static string Column(string field) => string.Concat(field.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
