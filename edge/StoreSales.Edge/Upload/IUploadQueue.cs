using Polly;

namespace StoreSales.Edge.Upload;

/// <summary>
/// One kind of record the agent keeps in its outbox and sends to the server (sales, scans, Z reports), as
/// <see cref="UploadLoop{TItem}"/> sees it: what to peek, how to post it, what to do with the server's answer.
/// The loop owns the order of things (peek the oldest, post, sort the outcome, resend one by one on a refusal, back off);
/// a queue owns its table, its endpoint, its counters and its log lines.
/// </summary>
public interface IUploadQueue<TItem>
{
    /// <summary>Most records one POST carries.</summary>
    int BatchSize { get; }

    /// <summary>
    /// How long records gather before a batch that is not full goes (fewer, larger uploads of a steady stream); a full
    /// batch never waits. Zero (sales, Z reports): every record goes as soon as it is stored.
    /// </summary>
    TimeSpan GatherWindow => TimeSpan.Zero;

    /// <summary>Logs that the loop starts (where it sends, how much waits).</summary>
    void Started();

    /// <summary>The next records to send, at most <paramref name="count"/>, in the order the server wants them; empty: nothing to do.</summary>
    IReadOnlyList<TItem> Peek(int count);

    /// <summary>Posts <paramref name="items"/>; never throws for an HTTP or network problem (<see cref="IngestClient"/>).</summary>
    Task<UploadOutcome> SendAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken);

    /// <summary>The server acked <paramref name="items"/>: remove what it made durable. False when nothing was (sending again at once would only spin).</summary>
    bool Settle(IReadOnlyList<TItem> items, UploadOutcome acked);

    /// <summary>The server refused <paramref name="item"/> on its own, with <paramref name="reason"/>: set it aside as the queue does.</summary>
    void Reject(TItem item, string reason);

    /// <summary>The server refused a batch of <paramref name="count"/>: the loop resends it one by one to find the bad ones.</summary>
    void Isolating(int count, string detail);

    /// <summary>
    /// The server answered 413 to a batch of <paramref name="count"/> (more than its <c>Limits:MaxIngestBodyBytes</c>):
    /// the loop sends <paramref name="size"/> at a time from now on (<see cref="UploadBatchSize"/>).
    /// </summary>
    void Halving(int count, int size, string detail);

    /// <summary>A pass failed (or threw); the next try is in <paramref name="wait"/>: count and log it.</summary>
    void Failed(Outcome<UploadPass> failed, TimeSpan wait);

    /// <summary>Waits until something is enqueued (or becomes sendable), or <paramref name="atMost"/> passed.</summary>
    Task WaitForWorkAsync(TimeSpan atMost, CancellationToken cancellationToken);
}
