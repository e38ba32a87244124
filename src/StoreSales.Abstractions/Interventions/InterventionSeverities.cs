namespace StoreSales.Abstractions.Interventions;

/// <summary>How urgent an alert is, as stored with it and in the inbox journal; pages word it (never show the code).</summary>
public static class InterventionSeverities
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    /// <summary>Nobody has to act at once: HQ is told (a target to check).</summary>
    public const string Info = "info";

    public static readonly IReadOnlyList<string> All = [High, Medium, Low, Info];
}
