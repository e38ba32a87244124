namespace StoreSales.Edge.Upload;

/// <summary>What the uploader has done since the agent started; read by <see cref="Status.AgentStatus"/>.</summary>
public sealed class UploadCounters
{
    private long _batches;
    private long _acked;
    private long _duplicates;
    private long _rejected;
    private long _failures;
    private long _authFailures;
    private long _lastAckTicks;
    private long _skewTicks;
    private volatile string? _lastError;

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Sales removed from the outbox because the server acked them as durable.</summary>
    public long Acked => Interlocked.Read(ref _acked);

    /// <summary>Sales the server reported as already recorded by an earlier batch.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Sales moved to the rejected table.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Upload passes that ended without an answer (network, timeout, 5xx after retries, open circuit).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Answers 401/403: the store key is wrong.</summary>
    public long AuthFailures => Interlocked.Read(ref _authFailures);

    public DateTimeOffset? LastAckAt => Interlocked.Read(ref _lastAckTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Server clock minus agent clock at the last ack (positive: the server is ahead).</summary>
    public TimeSpan? ServerClockSkew => LastAckAt is null ? null : TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));

    public string? LastError => _lastError;

    internal void BatchAcked(int removed, int duplicates, DateTimeOffset at, TimeSpan? skew)
    {
        if (skew is { } s)
        {
            Interlocked.Exchange(ref _skewTicks, s.Ticks);
        }

        Interlocked.Exchange(ref _lastAckTicks, at.UtcTicks);
        _lastError = null;
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _acked, removed);
        Interlocked.Increment(ref _batches);
    }

    internal void SaleRejected() => Interlocked.Increment(ref _rejected);

    internal void Failed(string error)
    {
        _lastError = error;
        Interlocked.Increment(ref _failures);
    }

    internal void Unauthorized(string error)
    {
        _lastError = error;
        Interlocked.Increment(ref _authFailures);
    }
}
