using StoreSales.Data.History;

namespace StoreSales.CommandCenter.Api;

/// <summary>An upload accepted: the job that writes it, its rows, the bad rows skipped, and where to follow it.</summary>
public sealed record HistoryImportAccepted(string JobId, long TotalRows, long BadRows, string Status);

/// <summary>
/// A history import job as it is followed: <c>queued</c>, <c>running</c> or <c>done</c>; its rows (good ones written so far,
/// bad ones skipped); the sales added and those the ledger held already (a file imported again); the store-local days the
/// file spans; and a page of the bad rows, each with its line, column and why.
/// </summary>
public sealed record HistoryImportProgress(
    string JobId,
    string? FileName,
    string OnBadRow,
    string Status,
    long TotalRows,
    long BadRows,
    long RowsDone,
    int Chunks,
    int ChunksDone,
    long SalesAdded,
    long SalesHeld,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<HistoryImportProblem> BadRowsListed,
    long? NextAfterLine)
{
    public static HistoryImportProgress Of(HistoryImportJob job, IReadOnlyList<HistoryImportProblem> problems, int limit) =>
        new(job.JobId, job.FileName, job.OnBadRow, job.Status, job.TotalRows, job.BadRows, job.RowsDone, job.Chunks, job.ChunksDone, job.SalesAdded,
            job.SalesHeld, job.FirstDay, job.LastDay, job.SubmittedAt, job.StartedAt, job.FinishedAt, problems,
            problems.Count == limit ? problems[^1].Line : null);
}
