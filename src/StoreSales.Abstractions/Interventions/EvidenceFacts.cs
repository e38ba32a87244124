using System.Collections.Immutable;

namespace StoreSales.Abstractions.Interventions;

/// <summary>
/// The named facts behind an alert that is not about a day's figures (a device offline, the feed lagging, the
/// outbox filling, the store PC's clock off), so the inbox can word it in the viewer's language and time zone
/// instead of showing the rule's English <see cref="InterventionEvidence.Summary"/>. Only the members of its
/// <see cref="Kind"/> are set. Stored in the journal as JSON with the rest of the evidence.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceFacts(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? TerminalId = null,
    [property: Id(2)] string? DeviceKind = null,
    [property: Id(3)] DateTimeOffset? Since = null,
    [property: Id(4)] long? WaitingSales = null,
    [property: Id(5)] TimeSpan? OldestWaiting = null,
    [property: Id(6)] DateTimeOffset? LastAckAt = null,
    [property: Id(7)] long? OutboxBytes = null,
    [property: Id(8)] long? OutboxMaxBytes = null,
    [property: Id(9)] TimeSpan? ClockSkew = null,
    [property: Id(10)] TimeSpan? ClockSkewLimit = null,
    [property: Id(11)] long? Sequence = null,
    [property: Id(12)] string? CashierId = null,
    [property: Id(13)] DateOnly? Day = null,
    [property: Id(14)] int? JudgedScans = null,
    [property: Id(15)] ImmutableArray<ScanEvidence>? UnreceiptedScans = null,
    [property: Id(16)] TimeSpan? ScanToReceiptWindow = null)
{
    /// <summary>
    /// <see cref="UnreceiptedScans"/> of <see cref="JudgedScans"/> scans of <see cref="TerminalId"/> charged to
    /// <see cref="CashierId"/> on <see cref="Day"/> reached no receipt within <see cref="ScanToReceiptWindow"/>.
    /// </summary>
    public const string LossPrevention = "loss-prevention";

    /// <summary><see cref="TerminalId"/>'s <see cref="DeviceKind"/> has sent nothing <see cref="Since"/> (UTC).</summary>
    public const string DeviceOffline = "device-offline";

    /// <summary><see cref="WaitingSales"/> wait at the store, the oldest for <see cref="OldestWaiting"/>; last ack <see cref="LastAckAt"/>.</summary>
    public const string FeedLagging = "feed-lagging";

    /// <summary>The agent's outbox holds <see cref="OutboxBytes"/> of <see cref="OutboxMaxBytes"/>, near its bound.</summary>
    public const string OutboxNearFull = "outbox-near-full";

    /// <summary>As <see cref="OutboxNearFull"/>, past the bound.</summary>
    public const string OutboxOverBound = "outbox-over-bound";

    /// <summary>The store PC's clock is <see cref="ClockSkew"/> off (server minus PC: positive, the PC is behind).</summary>
    public const string ClockSkewed = "clock-skew";

    /// <summary><see cref="TerminalId"/> sent <see cref="Sequence"/> (and maybe more) with content other than the recorded sale's: the batch was refused.</summary>
    public const string SequenceConflict = "sequence-conflict";
}

/// <summary>One scan kept as evidence: its terminal's scan sequence, when it was scanned (agent clock, UTC) and the item.</summary>
[GenerateSerializer, Immutable]
public sealed record ScanEvidence(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset ScannedAt,
    [property: Id(2)] string Code);
