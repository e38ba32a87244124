namespace StoreSales.Data.History;

/// <summary>How history imports run. Bound from <c>History:Import</c>; keys and defaults in docs/domain.md ("History import").</summary>
public sealed record HistoryImportOptions
{
    public const string SectionName = "History:Import";

    /// <summary>
    /// Most rows per chunk (a sale's rows are never split, so a chunk may run over by one sale): one transaction each.
    /// Larger chunks go faster; a command center stopped mid-way redoes at most one.
    /// </summary>
    public int ChunkRows { get; init; } = 50_000;

    /// <summary>
    /// How many chunks a command center writes at once, each on its own connection and in its own transaction: while one
    /// waits for its commit or for PostgreSQL to maintain the ledger's indexes, the next is packed and copied.
    /// </summary>
    public int ChunksInFlight { get; init; } = 2;

    /// <summary>How often the command center looks for an unfinished job when none was just uploaded to it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest file accepted, in bytes (10,000,000 rows are about 500 MB).</summary>
    public long MaxFileBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>How many of a file's bad rows are kept with their line and reason (all are counted).</summary>
    public int ListedProblems { get; init; } = 1000;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        ChunkRows is < 100 or > 1_000_000 ? $"{SectionName}:{nameof(ChunkRows)} must be between 100 and 1000000 (is {ChunkRows})."
        : ChunksInFlight is < 1 or > 16 ? $"{SectionName}:{nameof(ChunksInFlight)} must be between 1 and 16 (is {ChunksInFlight})."
        : PollInterval < TimeSpan.FromMilliseconds(100) ? $"{SectionName}:{nameof(PollInterval)} must be at least 100 ms (is {PollInterval})."
        : MaxFileBytes < 1024 ? $"{SectionName}:{nameof(MaxFileBytes)} must be at least 1024 (is {MaxFileBytes})."
        : ListedProblems is < 1 or > 1_000_000 ? $"{SectionName}:{nameof(ListedProblems)} must be between 1 and 1000000 (is {ListedProblems})."
        : null;
}
