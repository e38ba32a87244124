using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.Credit;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.Credit;
using StoreSales.Domain.SalesForce;

namespace StoreSales.Data.ContractToCash;

/// <summary>The files the ERP exports for contract to cash, by the name the API gives them.</summary>
public static class ContractImportKinds
{
    public const string Contracts = "contracts";
    public const string Shipments = "shipments";
    public const string SignOffs = "sign-offs";
    public const string Invoices = "invoices";
    public const string Payments = "payments";

    public static readonly IReadOnlyList<string> All = [Contracts, Shipments, SignOffs, Invoices, Payments];

    /// <summary>The required and optional columns of each file.</summary>
    public static (IReadOnlyList<string> Required, IReadOnlyList<string> Optional) Columns(string kind) => kind switch
    {
        // A contract with lines takes one row per line (item, quantity, unit_price; the contract's columns repeated), its rows one after another; net may then be left out.
        Contracts => (["contract_id", "customer_id", "signed_on"],
            ["net", "title", "currency", "tax_rate", "payment_terms", "opportunity_id", "item", "description", "quantity", "unit_price", "line_amount"]),
        Shipments => (["document_no", "customer_id", "contract_id", "amount", "shipped_on"], ["currency", "line_no"]),
        SignOffs => (["document_no", "customer_id", "contract_id", "amount", "signed_on"], ["currency", "shipment_no", "line_no"]),
        Invoices => (["document_no", "customer_id", "amount", "issued_on", "due_on"], ["currency", "contract_id", "purpose", "line_no"]),
        Payments => (["document_no", "customer_id", "amount", "paid_at"], ["currency", "contract_id", "applied_to", "line_no"]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>What an import did: rows read, kept now, already kept, linked to their contract now, and every rejected row with its line.</summary>
public sealed record ContractImportReport(
    string Kind, int Rows, int Recorded, int AlreadyRecorded, int Linked, IReadOnlyList<ImportedRowRejection> Rejected, bool Stopped, IReadOnlyList<string> HeaderProblems)
{
    /// <summary>The customers a row was kept or linked for (committed): whose live match status to read again.</summary>
    public IReadOnlyList<string> CustomersChanged { get; init; } = [];
}

/// <summary>
/// Imports an ERP export of contracts, shipments, sign-offs, invoices or payments (docs/domain.md "Contract to cash"),
/// read as the credit import reads its files (<see cref="CreditImportFile"/>) and judged row by row under the API's
/// rules: idempotent by number, a conflicting row refused naming its document and line. <c>stopOnError</c> keeps the
/// whole file in one transaction and nothing when a row is rejected; otherwise good rows are kept, bad ones reported.
/// </summary>
public sealed class ContractImport(
    NpgsqlDataSource dataSource,
    ContractBook contracts,
    ContractLedger ledger,
    IOptions<ContractToCashOptions> options,
    IOptions<CreditOptions> credit,
    IOptions<ChainCalendarOptions> calendar,
    TimeProvider clock)
{
    private static readonly string[] DateColumns = ["signed_on", "shipped_on", "issued_on", "due_on"];

    public async Task<ContractImportReport> Import(string kind, Stream content, bool stopOnError, string recordedBy, CancellationToken cancellationToken)
    {
        using var file = await CreditImportFile.Open(content, cancellationToken);
        var (required, optional) = ContractImportKinds.Columns(kind);
        var header = file.CheckHeader(required, optional);
        if (header.Count > 0)
        {
            return new ContractImportReport(kind, 0, 0, 0, 0, [], true, header);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One transaction for the file: whole or nothing with stopOnError, else a savepoint per row (below).
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int rows = 0, recorded = 0, again = 0, linked = 0;
        var rejected = new List<ImportedRowRejection>();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (line, fields, problem, more) in Grouped(file.Rows(cancellationToken), kind == ContractImportKinds.Contracts))
        {
            rows += 1 + more.Count;
            ImportedRowRejection? rejection;
            if (rows > options.Value.ImportMaxRows)
            {
                rejection = new ImportedRowRejection(line, null, "file", "too-many-rows", $"A file takes at most {options.Value.ImportMaxRows} rows (ContractToCash:ImportMaxRows); split it.");
                rows -= 1 + more.Count;
            }
            else if (fields is null)
            {
                rejection = new ImportedRowRejection(line, null, "row", "wrong-shape", problem!);
            }
            else
            {
                // Without stopOnError each row is its own savepoint: a refused row leaves nothing half kept (a contract without its plan).
                if (!stopOnError)
                {
                    await transaction.SaveAsync("row", cancellationToken);
                }

                var (kept, refusal) = await Keep(connection, transaction, kind, line, fields, more, recordedBy, cancellationToken);
                rejection = refusal;
                recorded += kept == ContractKept.Recorded ? 1 : 0;
                again += kept == ContractKept.AlreadyRecorded ? 1 : 0;
                linked += kept == ContractKept.Linked ? 1 : 0;
                if (kept is ContractKept.Recorded or ContractKept.Linked && fields.GetValueOrDefault("customer_id") is { Length: > 0 } customerId)
                {
                    changed.Add(customerId.Trim());
                }
                if (!stopOnError)
                {
                    await (refusal is null ? transaction.ReleaseAsync("row", cancellationToken) : transaction.RollbackAsync("row", cancellationToken));
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

        if (stopOnError && rejected.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ContractImportReport(kind, rows, 0, 0, 0, rejected, true, []);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ContractImportReport(kind, rows, recorded, again, linked, rejected, rejected.Any(r => r.Rule == "too-many-rows"), []) { CustomersChanged = [.. changed] };
    }

    private async Task<(ContractKept? Kept, ImportedRowRejection? Refusal)> Keep(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, long line, IReadOnlyDictionary<string, string?> fields,
        IReadOnlyList<(long Line, IReadOnlyDictionary<string, string?> Fields)> more, string recordedBy, CancellationToken cancellationToken)
    {
        var number = kind == ContractImportKinds.Contracts ? fields["contract_id"] : fields["document_no"];
        string? Field(string column) => fields.GetValueOrDefault(column);
        ImportedRowRejection Unreadable(string column, string rule, string example) =>
            new(line, number, column, rule, $"'{fields[column]}' is no {rule["invalid-".Length..]} (write {example}).");

        var amountColumn = kind == ContractImportKinds.Contracts ? "net" : "amount";
        var amount = CreditImportFile.Amount(Field(amountColumn));
        if (Field(amountColumn) is not null && amount is null)
        {
            return (null, Unreadable(amountColumn, "invalid-amount", "186400.00"));
        }

        var dates = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (var column in DateColumns.Where(fields.ContainsKey))
        {
            dates[column] = CreditImportFile.Date(fields[column]);
            if (fields[column] is not null && dates[column] is null)
            {
                return (null, Unreadable(column, "invalid-date", "yyyy-MM-dd"));
            }
        }

        if (kind == ContractImportKinds.Contracts)
        {
            decimal? rate = null;
            if (Field("tax_rate") is { } rateText)
            {
                rate = CreditImportFile.Amount(rateText);
                if (rate is null)
                {
                    return (null, Unreadable("tax_rate", "invalid-rate", "0.13"));
                }
            }

            // The contract's lines: this row's and those of the rows after it with the same contract_id (none without an item column).
            var lineRows = Field("item") is null && more.Count == 0 ? [] : new[] { (Line: line, Fields: fields) }.Concat(more).ToList();
            var lines = new List<ContractLineInput>(lineRows.Count);
            foreach (var (at, row) in lineRows)
            {
                var numbers = new Dictionary<string, decimal?>(StringComparer.Ordinal);
                foreach (var column in new[] { "quantity", "unit_price", "line_amount" })
                {
                    numbers[column] = CreditImportFile.Amount(row.GetValueOrDefault(column));
                    if (row.GetValueOrDefault(column) is { } text && numbers[column] is null)
                    {
                        return (null, new ImportedRowRejection(at, number, column, "invalid-number", $"'{text}' is no number (write 12.5)."));
                    }
                }

                lines.Add(new ContractLineInput(row.GetValueOrDefault("item"), row.GetValueOrDefault("description"), numbers["quantity"], numbers["unit_price"], numbers["line_amount"]));
            }

            var check = ContractRules.CheckContract(
                number, fields["customer_id"], Field("opportunity_id"), Field("title"), amount, Field("currency"), rate, Field("payment_terms"), dates["signed_on"],
                options.Value, credit.Value, lines);
            if (!check.IsValid)
            {
                // A line's error names the row it came from.
                var (field, _) = check.Errors.First();
                var lineIndex = field.StartsWith("lines[", StringComparison.Ordinal) ? int.Parse(field[6..field.IndexOf(']')], CultureInfo.InvariantCulture) : 0;
                return (null, Invalid(lineRows.Count > lineIndex ? lineRows[lineIndex].Line : line, number, check.Errors));
            }

            var kept = await contracts.Keep(connection, transaction, check.Document!, recordedBy, cancellationToken);
            return (kept, Refused(line, kept, check.Document!.ContractId, check.Document.CustomerId, check.Document.OpportunityId));
        }

        DateTimeOffset? paidAt = null;
        if (kind == ContractImportKinds.Payments)
        {
            paidAt = CreditImportFile.Instant(fields["paid_at"], calendar.Value.Zone());
            if (fields["paid_at"] is not null && paidAt is null)
            {
                return (null, Unreadable("paid_at", "invalid-time", "2026-11-20T10:00:00+08:00, or a local time yyyy-MM-dd HH:mm"));
            }
        }

        var documentKind = kind switch
        {
            ContractImportKinds.Shipments => ContractDocumentKind.Shipment,
            ContractImportKinds.SignOffs => ContractDocumentKind.SignOff,
            ContractImportKinds.Invoices => ContractDocumentKind.Invoice,
            _ => ContractDocumentKind.Payment,
        };
        var on = dates.GetValueOrDefault("shipped_on") ?? dates.GetValueOrDefault(kind == ContractImportKinds.SignOffs ? "signed_on" : "issued_on");
        int? lineNo = null;
        if (Field("line_no") is { } lineText)
        {
            if (!int.TryParse(lineText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return (null, Unreadable("line_no", "invalid-line", "1"));
            }

            lineNo = n;
        }

        var document = ContractRules.CheckDocument(
            documentKind, number, fields["customer_id"], Field("contract_id"), amount, Field("currency"), on, dates.GetValueOrDefault("due_on"), paidAt,
            Field("applied_to"), Field("shipment_no"), Field("purpose"), clock.GetUtcNow(), credit.Value, lineNo);
        if (!document.IsValid)
        {
            return (null, Invalid(line, number, document.Errors));
        }

        var d = document.Document!;
        var result = await ledger.Keep(connection, transaction, d, recordedBy, cancellationToken);
        return (result, Refused(line, result, d.DocumentNo, d.CustomerId, result switch
        {
            ContractKept.UnknownShipment => d.ShipmentNo,
            ContractKept.UnknownReceivable => d.AppliedTo,
            ContractKept.UnknownLine => $"{d.ContractId}:{d.LineNo}",
            _ => d.ContractId,
        }));
    }

    /// <summary>
    /// The file's rows, and for a contracts file each contract's rows together: a row with the same contract_id as the
    /// row before it is one more line of that contract (<c>More</c>). Rows of other files come one by one.
    /// </summary>
    private static async IAsyncEnumerable<(long Line, IReadOnlyDictionary<string, string?>? Fields, string? Problem, IReadOnlyList<(long Line, IReadOnlyDictionary<string, string?> Fields)> More)> Grouped(
        IAsyncEnumerable<(long Line, IReadOnlyDictionary<string, string?>? Fields, string? Problem)> rows, bool byContract)
    {
        (long Line, IReadOnlyDictionary<string, string?> Fields)? first = null;
        var more = new List<(long, IReadOnlyDictionary<string, string?>)>();
        await foreach (var (line, fields, problem) in rows)
        {
            if (!byContract)
            {
                yield return (line, fields, problem, []);
                continue;
            }

            if (first is { } open && fields is not null && Same(open.Fields, fields))
            {
                more.Add((line, fields));
                continue;
            }

            if (first is { } done)
            {
                yield return (done.Line, done.Fields, null, more);
                more = [];
                first = null;
            }

            if (fields is null)
            {
                yield return (line, null, problem, []);
            }
            else
            {
                first = (line, fields);
            }
        }

        if (first is { } last)
        {
            yield return (last.Line, last.Fields, null, more);
        }
    }

    private static bool Same(IReadOnlyDictionary<string, string?> a, IReadOnlyDictionary<string, string?> b) =>
        a.GetValueOrDefault("item") is not null && b.GetValueOrDefault("item") is not null
        && string.Equals(a.GetValueOrDefault("contract_id")?.Trim(), b.GetValueOrDefault("contract_id")?.Trim(), StringComparison.Ordinal);

    private static ImportedRowRejection Invalid(long line, string? number, IReadOnlyDictionary<string, string[]> errors)
    {
        var (field, messages) = errors.First();
        return new ImportedRowRejection(line, number, Column(field), "invalid-" + Column(field).Replace('_', '-'), string.Join(" ", messages));
    }

    private static ImportedRowRejection? Refused(long line, ContractKept kept, string number, string customerId, string? other) =>
        kept.IsKept() ? null : new ImportedRowRejection(line, number, Column(kept.Field()), kept.Rule(), kept.Sentence(number, customerId, other));

    /// <summary>The API's field name as the file's column (<c>contractId</c> → <c>contract_id</c>).</summary>
    private static string Column(string field) =>
        string.Concat(field.Select(c => char.IsUpper(c) ? "_" + char.ToLower(c, CultureInfo.InvariantCulture) : c.ToString()));
}
