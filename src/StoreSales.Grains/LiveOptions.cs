namespace StoreSales.Grains;

/// <summary>
/// How the live grains pace their work. Bound from configuration section <c>Live</c>.
/// </summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>At most one published update per store or region per interval (coalescing). Default 250 ms.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an active store re-evaluates its pace as the clock moves. Default 30 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The sliding window of hot items. Default 1 hour.</summary>
    public TimeSpan HotItemWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Granularity of the hot-item window: it slides by this much. Default 5 minutes.</summary>
    public TimeSpan HotItemBucket { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many hot items a store shows, ranked by lift against the store's usual velocity for the hour (the rule's
    /// settings are in <c>HotItems</c>, <see cref="Domain.HotItems.HotItemOptions"/>). Default 10.
    /// </summary>
    public int HotItemCount { get; set; } = 10;

    /// <summary>How many of the latest sales a board's ticker shows. Default 8.</summary>
    public int RecentSaleCount { get; set; } = 8;

    /// <summary>Weeks of the store's own sales history its pacing profile learns from. Default 8.</summary>
    public int PacingHistoryWeeks { get; set; } = 8;

    /// <summary>How often targets and the pacing profile are re-read while a store is active. Default 5 min.</summary>
    public TimeSpan MasterDataRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Out-of-order sequences remembered per terminal before a gap is given up. Default 4096.</summary>
    public int MaxOutOfOrderSequences { get; set; } = 4096;

    /// <summary>How long a host's live-board subscription lasts unless renewed. Default 60 s.</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A store's devices count as offline when its agent sent no heartbeat for this long (agents send one every
    /// 30 s by default). Checked at each <see cref="RefreshInterval"/>. Default 2 minutes.
    /// </summary>
    public TimeSpan DeviceOfflineAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A terminal or scanner offline this long during opening hours raises an intervention for the region's
    /// field supervisor. Default 10 minutes.
    /// </summary>
    public TimeSpan DeviceOfflineAlertAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When the oldest sale still waiting in a store's outbox is older than this, the data feed is lagging and the
    /// region's supervisor gets an intervention. Default 15 minutes.
    /// </summary>
    public TimeSpan FeedLagAlertAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When a store PC's clock (as its agent measured against the server's acks) is further off than this, either way,
    /// the region's supervisor gets a <c>clock-skew</c> intervention. Default 2 minutes.
    /// </summary>
    public TimeSpan ClockSkewAlertAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often a store whose figures changed writes them (with the record of which sales they contain) to grain
    /// storage. Sales are counted in memory and the ledger is the system of record, so this bounds only how much ledger
    /// tail a reactivated store reads, not what can be lost. Default 10 s.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A store that counted this many sales since its last checkpoint writes one at once instead of waiting for
    /// <see cref="CheckpointInterval"/>, so a busy store's ledger tail stays short. Default 1000.
    /// </summary>
    public int CheckpointAfterSales { get; set; } = 1000;

    /// <summary>
    /// How many of its stores a newly activated region asks for their figures at a time while it warms up; it answers
    /// with what it has meanwhile, so a region of thousands of stores never wakes them all at once. Default 4.
    /// </summary>
    public int RegionWarmUpConcurrency { get; set; } = 4;

    /// <summary>
    /// A store's latest heartbeat is written to grain storage when its devices change and otherwise at most this often, so
    /// a store whose agent falls silent is still known to have had one after its silo restarts or dies (and its
    /// offline alert still opens). Default 1 minute.
    /// </summary>
    public TimeSpan HeartbeatSaveInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Period of the reminder a store with an agent keeps (<c>agent-watch</c>): reminders outlive silos, so after a restart
    /// it wakes the store, which reads its last heartbeat back and judges its devices as before. At least
    /// <c>Orleans:MinimumReminderPeriod</c>. Default 5 minutes.
    /// </summary>
    public TimeSpan AgentWatchPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        RefreshInterval <= TimeSpan.Zero ? $"{SectionName}:{nameof(RefreshInterval)} must be positive (is {RefreshInterval})."
        : CheckpointInterval <= TimeSpan.Zero ? $"{SectionName}:{nameof(CheckpointInterval)} must be positive (is {CheckpointInterval})."
        : CheckpointAfterSales < 1 ? $"{SectionName}:{nameof(CheckpointAfterSales)} must be at least 1 (is {CheckpointAfterSales})."
        : RegionWarmUpConcurrency is < 1 or > 64 ? $"{SectionName}:{nameof(RegionWarmUpConcurrency)} must be between 1 and 64 (is {RegionWarmUpConcurrency})."
        : HeartbeatSaveInterval <= TimeSpan.Zero ? $"{SectionName}:{nameof(HeartbeatSaveInterval)} must be positive (is {HeartbeatSaveInterval})."
        : AgentWatchPeriod <= TimeSpan.Zero ? $"{SectionName}:{nameof(AgentWatchPeriod)} must be positive (is {AgentWatchPeriod})."
        : null;
}
