using StoreSales.Edge.Devices;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Status;

/// <summary>The agent at one moment: what waits in the outbox, what the uploader did, how each device is. Heartbeats send this.</summary>
public sealed record AgentSnapshot(
    string StoreId,
    DateTimeOffset TakenAt,
    long OutboxDepth,
    long RejectedCount,
    UploadSnapshot Upload,
    IReadOnlyList<DeviceSnapshot> Devices,
    DateTimeOffset? OldestUnsentAt = null,
    OutboxFill? Outbox = null,
    ScanSnapshot? Scans = null,
    CertificatePinSnapshot? ServerCertificate = null);

/// <summary>
/// The server certificate pin (<c>Agent:ServerCertificatePin</c>): whether one is set, how many connections it refused, and
/// the last refusal in words. A refusal means nothing was sent to that server.
/// </summary>
public sealed record CertificatePinSnapshot(bool Pinned, long Mismatches, string? LastMismatch);

/// <summary>The scans waiting in the outbox and what became of the others since the agent started.</summary>
public sealed record ScanSnapshot(long Depth, long Stored, long Dropped, long Acked, long Duplicates, long Rejected, long Failures);

/// <summary>The uploader's counters since the agent started.</summary>
public sealed record UploadSnapshot(
    long Batches,
    long Acked,
    long Duplicates,
    long Rejected,
    long Failures,
    long AuthFailures,
    DateTimeOffset? LastAckAt,
    TimeSpan? ServerClockSkew,
    string? LastError);
