namespace StoreSales.Data.Customers.Import;

/// <summary>Where an import job stands: <c>queued</c>, <c>running</c> or <c>done</c>, and its counts so far.</summary>
public sealed record CustomerImportJob(
    string JobId,
    string? FileName,
    string ImportedBy,
    string Status,
    int Total,
    int Done,
    int Created,
    int AlreadyImported,
    int Duplicates,
    int Rejected,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A row that added nothing (a rejection or a duplicate), with why.</summary>
/// <param name="RowNumber">The data row of the file, from 1 (the header not counted).</param>
/// <param name="RowKey">The row's key as uploaded.</param>
/// <param name="Outcome"><c>rejected</c> or <c>duplicate</c>.</param>
/// <param name="Field">The column at fault (rejected), or the key that matched (duplicate).</param>
/// <param name="Reason">The reason code (<c>invalid</c>, <c>unknown-rep</c> …; <c>duplicate</c>).</param>
/// <param name="Message">A sentence for the person who made the file.</param>
/// <param name="ExistingCustomerId">For a duplicate, the customer that holds the key.</param>
public sealed record CustomerImportIssue(int RowNumber, string? RowKey, string Outcome, string? Field, string? Reason, string? Message, string? ExistingCustomerId);

/// <summary>What uploading a file came to.</summary>
public abstract record CustomerImportSubmission;

/// <summary>The job was created with <see cref="Total"/> rows, queued for the command center's worker.</summary>
public sealed record CustomerImportQueued(string JobId, int Total) : CustomerImportSubmission;

/// <summary>The file as a whole could not be imported (its header, no rows, too many rows): nothing was kept.</summary>
public sealed record CustomerImportFileRefused(IReadOnlyList<string> Problems) : CustomerImportSubmission;
