using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Upload;

namespace StoreSales.Edge.Status;

/// <summary>Takes <see cref="AgentSnapshot"/>s of the running agent.</summary>
public sealed class AgentStatus(IOptions<AgentOptions> agent, SqliteOutbox outbox, OutboxBound bound, UploadCounters upload, ScanCounters scans, DeviceRegistry devices, TimeProvider time, ServerCertificatePin pin)
{
    public AgentSnapshot Snapshot() => new(
        agent.Value.StoreId,
        time.GetUtcNow(),
        outbox.Queue.Depth,
        outbox.Rejected.Count,
        new UploadSnapshot(upload.Batches, upload.Acked, upload.Duplicates, upload.Rejected, upload.Failures, upload.AuthFailures, upload.LastAckAt, upload.ServerClockSkew, upload.LastError),
        [.. devices.Adapters.Select(a => a.Snapshot())],
        outbox.Queue.OldestEnqueuedAt,
        bound.Fill(),
        new ScanSnapshot(outbox.Scans.Depth, scans.Stored, scans.Dropped, scans.Acked, scans.Duplicates, scans.Rejected, scans.Failures),
        new CertificatePinSnapshot(pin.IsPinned, pin.Mismatches, pin.LastMismatch));

    /// <summary>The snapshot of one device, or null when the agent has no such device.</summary>
    public DeviceSnapshot? Device(string terminalId, string kind) =>
        devices.Adapters.FirstOrDefault(a => a.TerminalId == terminalId && a.Kind == kind)?.Snapshot();
}
