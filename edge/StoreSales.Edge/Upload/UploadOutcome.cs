using StoreSales.Contracts.Ingest;

namespace StoreSales.Edge.Upload;

public enum UploadOutcomeKind
{
    /// <summary>200: the server answered with a <see cref="BatchAck"/> (a Z report: a <see cref="ZReportAck"/>).</summary>
    Acked,

    /// <summary>400/409/422: the server refused the content (RFC 7807 problem details); resending it unchanged will not help.</summary>
    Rejected,

    /// <summary>401/403: the store key is wrong or not allowed for this store: a configuration problem.</summary>
    Unauthorized,

    /// <summary>413: the batch is larger than the server takes (<c>Limits:MaxIngestBodyBytes</c>); fewer sales at a time will do, a single sale too large is set aside.</summary>
    TooLarge,

    /// <summary>Network failure, timeout, open circuit, 5xx, busy (429, 503), or any other answer: try again later.</summary>
    Failed,
}

/// <summary>What became of one batch POST.</summary>
/// <param name="Ack">The answer to a sale or scan batch (<see cref="UploadOutcomeKind.Acked"/>).</param>
/// <param name="RetryAfter">When known, how long sending again is pointless (an open circuit, the server's Retry-After).</param>
/// <param name="ZReport">The answer to a Z report (<see cref="UploadOutcomeKind.Acked"/>).</param>
public sealed record UploadOutcome(UploadOutcomeKind Kind, BatchAck? Ack = null, string? Detail = null, int? StatusCode = null, TimeSpan? RetryAfter = null, ZReportAck? ZReport = null);
