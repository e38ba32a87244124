namespace StoreSales.CommandCenter.Live;

/// <summary>Live-board settings of the command center (section <c>Live</c>).</summary>
public sealed class BoardOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// How often this host renews its live-update subscription with the silos. Must stay well below the silo's
    /// <c>Live:SubscriptionLifetime</c> (60 s); it is also how long boards can miss updates after a silo restart.
    /// Default 15 s.
    /// </summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A page redraws at most once per interval however many sales arrive. Default 100 ms (10 a second).</summary>
    public TimeSpan MinimumRedrawInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The HQ page (map, regions, heatmap of every store) redraws at most once per interval. Default 250 ms
    /// (4 a second): it draws far more than a store board, and nobody reads a heatmap faster than that.
    /// </summary>
    public TimeSpan HqRedrawInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often an open rep or customer page moves its golden-48-hours countdowns on (they show minutes). Default 15 s.
    /// </summary>
    public TimeSpan CountdownTickInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an open HQ page re-reads the hot-item heatmap. Default 5 s.</summary>
    public TimeSpan HeatmapRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A store whose agent sent no heartbeat for this long shows "agent not seen for N min". The same key as the
    /// silo's, whose store grains then count its devices offline. Default 2 minutes.
    /// </summary>
    public TimeSpan DeviceOfflineAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A till clock this far off the server's shows in red on the board. The same key as the silo's, which raises the
    /// clock-skew alert from there. Default 2 minutes.
    /// </summary>
    public TimeSpan ClockSkewAlertAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// After this host lost or gained a connection to a silo, the open store boards are read again from their grains; a store
    /// whose read fails (its silo not yet declared dead, its grain not yet re-activated) is read again after this long. Also
    /// how long one such read may take. Default 1 s.
    /// </summary>
    public TimeSpan ResyncRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after a connection change the stores not yet read are still retried; after it the periodic renewal and the
    /// store's next update take over (and the failure is logged). Default 60 s: above the time the cluster needs to declare
    /// a silo dead (<c>Orleans:Membership</c>) and re-activate its grains.
    /// </summary>
    public TimeSpan ResyncWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Why the options cannot be used, or null.</summary>
    public string? Validate() =>
        ResubscribeInterval <= TimeSpan.Zero ? $"{SectionName}:{nameof(ResubscribeInterval)} must be positive (is {ResubscribeInterval})."
        : ResyncRetryInterval <= TimeSpan.Zero ? $"{SectionName}:{nameof(ResyncRetryInterval)} must be positive (is {ResyncRetryInterval})."
        : ResyncWindow < ResyncRetryInterval ? $"{SectionName}:{nameof(ResyncWindow)} must be at least {nameof(ResyncRetryInterval)} (is {ResyncWindow})."
        : null;
}
