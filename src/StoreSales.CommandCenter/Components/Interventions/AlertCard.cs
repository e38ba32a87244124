using System.Collections.Immutable;
using System.Text.Json;
using StoreSales.Abstractions.Interventions;
using StoreSales.CommandCenter.Resources;
using StoreSales.Data;
using StoreSales.Data.Interventions;
using StoreSales.Domain.Interventions;

namespace StoreSales.CommandCenter.Components.Interventions;

/// <summary>One alert as the inbox shows it, whether it came from the journal (on load) or live from its grain.</summary>
public sealed record AlertCard(
    string AlertId,
    string Condition,
    string SubjectKind,
    string SubjectId,
    string? StoreId,
    string? RegionId,
    string Severity,
    string Assignee,
    InterventionStatus Status,
    int Level,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    string? Outcome,
    InterventionEvidence Evidence,
    ImmutableArray<InterventionStep> History)
{
    /// <summary>Whom the alert was assigned to before its escalations (<see cref="InboxScope.HoldingOf"/>).</summary>
    public IReadOnlyList<string> AssignedBefore { get; init; } = [];

    private static readonly JsonSerializerOptions JournalJson = new(JsonSerializerDefaults.Web);

    public static AlertCard From(Intervention alert) => new(
        alert.AlertId, alert.Condition, alert.Subject.Kind, alert.Subject.Id, alert.Subject.StoreId, alert.Subject.RegionId,
        alert.Severity, alert.Assignee, alert.Status, alert.Level, alert.RaisedAt, alert.UpdatedAt, alert.Outcome, alert.Evidence, alert.History)
    {
        AssignedBefore = alert.AssignedBefore.IsDefault ? [] : alert.AssignedBefore,
    };

    public static AlertCard From(InboxEntry entry) => new(
        entry.AlertId, entry.Condition, entry.SubjectKind, entry.SubjectId, entry.StoreId, entry.RegionId, entry.Severity, entry.Assignee,
        Enum.Parse<InterventionStatus>(entry.Status), entry.Level,
        LedgerTime.Utc(entry.RaisedAt),
        LedgerTime.Utc(entry.UpdatedAt),
        entry.Outcome,
        JsonSerializer.Deserialize<InterventionEvidence>(entry.Evidence, JournalJson)!,
        [.. entry.Steps.Select(s => new InterventionStep(
            s.Step, Enum.Parse<InterventionStatus>(s.FromStatus), Enum.Parse<InterventionStatus>(s.ToStatus), s.Actor,
            LedgerTime.Utc(s.At), s.Note))])
    {
        AssignedBefore = entry.AssignedBefore,
    };

    public bool IsOpen => Status != InterventionStatus.Resolved;

    /// <summary>The resource key naming the rule that raised it.</summary>
    public string ConditionKey => CodeWords.ConditionKey(Condition);

    public string SeverityKey => CodeWords.SeverityKey(Severity);

    public static string StatusKey(InterventionStatus status) => "Status" + status;
}
