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

    public static string GrainKey(string subjectId, string condition) => $"{subjectId}/{condition}";
}
