using StoreSales.Domain.Alerts;

namespace StoreSales.Abstractions.Interventions;

/// <summary>The conditions the rules raise alerts for, as they appear in alert keys and the inbox (defined with the rules, <see cref="AlertConditions"/>).</summary>
public static class InterventionConditions
{
    /// <inheritdoc cref="AlertConditions.DayBehind"/>
    public const string DayBehind = AlertConditions.DayBehind;

    /// <inheritdoc cref="AlertConditions.DayAheadCalibration"/>
    public const string DayAheadCalibration = AlertConditions.DayAheadCalibration;

    /// <inheritdoc cref="AlertConditions.FeedLagging"/>
    public const string FeedLagging = AlertConditions.FeedLagging;

    /// <inheritdoc cref="AlertConditions.OutboxNearFull"/>
    public const string OutboxNearFull = AlertConditions.OutboxNearFull;

    /// <inheritdoc cref="AlertConditions.ClockSkew"/>
    public const string ClockSkew = AlertConditions.ClockSkew;

    /// <inheritdoc cref="AlertConditions.RepBehindTarget"/>
    public const string RepBehindTarget = AlertConditions.RepBehindTarget;

    /// <inheritdoc cref="AlertConditions.OpportunityStalled"/>
    public const string OpportunityStalled = AlertConditions.OpportunityStalled;

    /// <inheritdoc cref="AlertConditions.SequenceConflict"/>
    public const string SequenceConflict = AlertConditions.SequenceConflict;

    public static string GrainKey(string subjectId, string condition) => $"{subjectId}/{condition}";

    /// <summary>
    /// The key of a condition raised for more than one recipient (a rule's table routes it to several), one alert each:
    /// <c>{subject}/{assignee}/{condition}</c>, e.g. <c>rep-sh001-01/store-manager:store-sh001/rep-behind-target</c>.
    /// Each recipient works their own alert; none of them opens a second while theirs is open.
    /// </summary>
    public static string GrainKey(string subjectId, string condition, string assignee) => $"{subjectId}/{assignee}/{condition}";
}
