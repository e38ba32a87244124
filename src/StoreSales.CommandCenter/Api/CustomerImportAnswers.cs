using StoreSales.Data.Customers.Import;

namespace StoreSales.CommandCenter.Api;

/// <summary>An upload accepted: the job that imports it, and where to follow it.</summary>
public sealed record CustomerImportAccepted(string JobId, int Total, string Status);

/// <summary>
/// An import job as its importer follows it: <c>queued</c>, <c>running</c> or <c>done</c>; rows done so far and what
/// became of them; and a page of the rows that added nothing (rejected, or duplicates), with why.
/// </summary>
public sealed record CustomerImportProgress(
    string JobId,
    string? FileName,
    string Status,
    int Total,
    int Done,
    int Created,
    int AlreadyImported,
    int Duplicates,
    int Rejected,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<CustomerImportIssue> Rows,
    int? NextAfterRow)
{
    public static CustomerImportProgress Of(CustomerImportJob job, IReadOnlyList<CustomerImportIssue> rows, int limit) =>
        new(job.JobId, job.FileName, job.Status, job.Total, job.Done, job.Created, job.AlreadyImported, job.Duplicates, job.Rejected,
            job.SubmittedAt, job.StartedAt, job.FinishedAt, rows, rows.Count == limit ? rows[^1].RowNumber : null);
}
