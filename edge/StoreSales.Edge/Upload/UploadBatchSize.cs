namespace StoreSales.Edge.Upload;

/// <summary>
/// How many records (sales, scans) an <see cref="UploadLoop{TItem}"/> puts in a batch: <see cref="Configuration.AgentOptions.BatchSize"/>, halved each time the
/// server answers 413 (its <c>Limits:MaxIngestBodyBytes</c>), down to one record; back to the configured size once the
/// outbox is empty, so a run of unusually large records costs smaller batches only until it is through, or once a single
/// sale too large was set aside (it was the cause).
/// </summary>
public sealed class UploadBatchSize
{
    private readonly int _configured;
    private int _current;

    public UploadBatchSize(int configured)
    {
        _configured = configured;
        _current = configured;
    }

    /// <summary>The most sales the next batch may hold.</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>A batch of <paramref name="refused"/> sales was too large: the next ones hold half as many (at least one). Returns the new size.</summary>
    public int Halve(int refused)
    {
        var halved = Math.Max(1, Math.Min(Current, refused) / 2);
        Volatile.Write(ref _current, halved);
        return halved;
    }

    /// <summary>The outbox is empty, or the sale too large is set aside: the next batches are of the configured size again.</summary>
    public void Reset() => Volatile.Write(ref _current, _configured);
}
