using StoreSales.Domain.Alerts;

namespace StoreSales.Abstractions.Interventions;

/// <summary>
/// How urgent an alert is, as stored with it and in the inbox journal (the names come from the rules' own
/// <see cref="AlertNames"/>); pages word it (never show the code).
/// </summary>
public static class InterventionSeverities
{
    public const string High = AlertNames.High;
    public const string Medium = AlertNames.Medium;
    public const string Low = AlertNames.Low;

    /// <summary>Nobody has to act at once: HQ is told (a target to check).</summary>
    public const string Info = AlertNames.Info;

    public static readonly IReadOnlyList<string> All = [High, Medium, Low, Info];
}
