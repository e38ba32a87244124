namespace StoreSales.Data.Customers.Import;

/// <summary>
/// How CSV imports of customers run. Bound from <c>SalesForce:Customers:Import</c>; keys and defaults in
/// docs/domain.md ("Customer import").
/// </summary>
public sealed record CustomerImportOptions
{
    public const string SectionName = "SalesForce:Customers:Import";

    /// <summary>
    /// Rows per chunk: one transaction each, which writes the chunk's customers, their keys, the rows' outcomes and the
    /// job's progress together. Larger chunks go faster; a command center stopped mid-way redoes at most one.
    /// </summary>
    public int ChunkSize { get; init; } = 1000;

    /// <summary>How often the command center looks for an unfinished job when none was just uploaded to it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most data rows one file may have: a larger file is refused whole (split it).</summary>
    public int MaxRows { get; init; } = 200_000;

    /// <summary>The largest file the import page accepts, in bytes (the API is bounded by the server's request size limit).</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        ChunkSize is < 1 or > 50_000 ? $"{SectionName}:{nameof(ChunkSize)} must be between 1 and 50000 (is {ChunkSize})."
        : PollInterval < TimeSpan.FromMilliseconds(100) ? $"{SectionName}:{nameof(PollInterval)} must be at least 100 ms (is {PollInterval})."
        : MaxRows < 1 ? $"{SectionName}:{nameof(MaxRows)} must be at least 1 (is {MaxRows})."
        : MaxFileBytes < 1024 ? $"{SectionName}:{nameof(MaxFileBytes)} must be at least 1024 (is {MaxFileBytes})."
        : null;
}
