namespace StoreSales.Edge.Upload;

/// <summary>What one pass of an <see cref="UploadLoop{TItem}"/> over its outbox queue came to.</summary>
public enum UploadPassKind
{
    /// <summary>Something was settled (acked, or set aside as rejected): go on at once.</summary>
    Sent,

    /// <summary>Nothing to send: sleep until something is enqueued.</summary>
    Idle,

    /// <summary>The batch did not go (network, timeout, 5xx, open circuit): retried.</summary>
    Failed,

    /// <summary>The server refused the store key: retried after <c>Upload:AuthFailureDelay</c>.</summary>
    Unauthorized,

    /// <summary>Acked with nothing durable: sending the same batch at once would only spin, so retried later.</summary>
    NothingDurable,
}

/// <param name="Outcome">The failed POST's outcome (<see cref="UploadPassKind.Failed"/>, <see cref="UploadPassKind.Unauthorized"/>).</param>
/// <param name="Wait">A wait the failure dictates (a Retry-After, an open circuit's remaining break, the auth delay); null: the backoff's.</param>
public readonly record struct UploadPass(UploadPassKind Kind, UploadOutcome? Outcome = null, TimeSpan? Wait = null)
{
    /// <summary>A <see cref="UploadPassKind.Sent"/> pass that sent everything waiting (fewer than a full batch).</summary>
    public bool Drained { get; init; }

    /// <summary>True when the uploader's retry should try again.</summary>
    public bool IsFailure => Kind is UploadPassKind.Failed or UploadPassKind.Unauthorized or UploadPassKind.NothingDurable;
}
