using StoreSales.Abstractions.Interventions;

namespace StoreSales.Grains.Interventions;

/// <summary>Persisted state of one subject's condition (state name "intervention").</summary>
[GenerateSerializer]
public sealed class InterventionState
{
    /// <summary>The open alert, or the last one.</summary>
    [Id(0)] public Intervention? Current { get; set; }

    /// <summary>How many alerts this condition has raised; numbers the alert ids.</summary>
    [Id(1)] public int Occurrences { get; set; }

    /// <summary>When the current SLA clock started: at raise, and again at each escalation.</summary>
    [Id(2)] public DateTimeOffset SlaFrom { get; set; }
}
