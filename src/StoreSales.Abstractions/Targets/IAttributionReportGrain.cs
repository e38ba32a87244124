namespace StoreSales.Abstractions.Targets;

/// <summary>
/// The chain's monthly attribution report (docs/domain.md, "Attribution report"): one grain (key 0) whose Orleans reminder
/// checks the chain's clock and, from <c>Targets:Attribution:GenerateOnDay</c>, has the month before reported once.
/// </summary>
public interface IAttributionReportGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent: the silo calls it at every start) and checks at once.</summary>
    Task Start();

    /// <summary>Generates the month due when its report is not stored yet (what the reminder does); otherwise nothing.</summary>
    Task<AttributionReportStatus> RunIfDue();

    Task<AttributionReportStatus> GetStatus();
}

/// <summary>Where the report generation stands.</summary>
/// <param name="LastReported">The latest month whose report is stored; null before the first.</param>
/// <param name="Running">The month being generated now, if any.</param>
/// <param name="LastRun">The last run of this activation, if any.</param>
/// <param name="LastCheckedAt">When the reminder (or a caller) last asked whether a month is due.</param>
[GenerateSerializer, Immutable]
public sealed record AttributionReportStatus(
    [property: Id(0)] DateOnly? LastReported,
    [property: Id(1)] DateOnly? Running,
    [property: Id(2)] AttributionRun? LastRun,
    [property: Id(3)] DateTimeOffset? LastCheckedAt);
