namespace StoreSales.Data.History;

/// <summary>A history import job's progress (migration 0310).</summary>
public sealed record HistoryImportJob(
    string JobId, string? FileName, string ImportedBy, string OnBadRow, string Status, long TotalRows, long BadRows, int Chunks, int ChunksDone,
    long RowsDone, long SalesAdded, long SalesHeld, DateOnly? FirstDay, DateOnly? LastDay, DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Good rows: those the job writes.</summary>
    public long GoodRows => TotalRows - BadRows;
}

/// <summary>A row of a history file that was not imported: its line (the header is line 1), the column at fault and why.</summary>
public sealed record HistoryImportProblem(long Line, string? Field, string Reason, string Message);

/// <summary>What became of an uploaded history file.</summary>
public abstract record HistoryImportSubmission;

/// <summary>The file is in: a job writes its good rows in the background.</summary>
public sealed record HistoryImportQueued(string JobId, long TotalRows, long BadRows) : HistoryImportSubmission;

/// <summary>The file was refused whole, nothing written: its header, its size, or (stop at the first) its first bad row.</summary>
public sealed record HistoryImportRefused(IReadOnlyList<string> Problems, HistoryImportProblem? FirstBadRow = null) : HistoryImportSubmission;

/// <summary>What to do with a bad row: skip it and go on (it is reported), or refuse the file at the first one.</summary>
public static class HistoryBadRows
{
    public const string Skip = "skip";
    public const string Stop = "stop";

    public static bool IsKnown(string? value) => value is Skip or Stop;
}
