namespace StoreSales.Grains.Interventions;

/// <summary>How often an open alert's SLA is checked (section <c>Interventions</c>). Default 1 minute, Orleans' reminder minimum.</summary>
public sealed class InterventionTimingOptions
{
    public const string SectionName = "Interventions";

    public TimeSpan SlaCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Why the setting cannot be used, or null (the reminder floor, <c>Orleans:MinimumReminderPeriod</c>, is checked by the silo).</summary>
    public string? Validate() =>
        SlaCheckPeriod <= TimeSpan.Zero ? $"{SectionName}:{nameof(SlaCheckPeriod)} must be positive (is {SlaCheckPeriod})." : null;
}
