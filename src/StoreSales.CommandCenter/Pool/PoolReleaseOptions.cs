namespace StoreSales.CommandCenter.Pool;

/// <summary>
/// How often the command center releases dormant customers to the public pool. Bound from <c>SalesForce:PoolRelease</c>
/// (its own section: <c>SalesForce:Pool</c> holds the claim rule's keys and is bound strictly); docs/domain.md.
/// </summary>
public sealed record PoolReleaseOptions
{
    public const string SectionName = "SalesForce:PoolRelease";

    /// <summary>
    /// Between two release runs; the first runs at start. Default one hour: a customer becomes releasable at local
    /// midnight, and is in the pool within the hour.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate() =>
        Interval < TimeSpan.FromSeconds(1)
            ? $"{SectionName}:{nameof(Interval)} must be at least one second (is {Interval})."
            : null;
}
