namespace StoreSales.Edge.Upload;

/// <summary>What became of the agent's valid scans since it started; read by <see cref="Status.AgentStatus"/>.</summary>
public sealed class ScanCounters
{
    private long _stored;
    private long _dropped;
    private long _acked;
    private long _duplicates;
    private long _rejected;
    private long _failures;

    /// <summary>Scans written to the outbox.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Scans lost because the outbox's write buffer was full (the disk refused writes for long).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Scans removed from the outbox because the server acked them as durable.</summary>
    public long Acked => Interlocked.Read(ref _acked);

    /// <summary>Scans the server reported as already recorded by an earlier batch.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Scans the server refused on their own (removed, logged with the reason).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Scan upload passes that ended without an answer.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    internal void AddStored(int count) => Interlocked.Add(ref _stored, count);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void BatchAcked(int removed, int duplicates)
    {
        Interlocked.Add(ref _acked, removed);
        Interlocked.Add(ref _duplicates, duplicates);
    }

    internal void AddRejected() => Interlocked.Increment(ref _rejected);

    internal void Failed() => Interlocked.Increment(ref _failures);
}
