using StoreSales.Domain.Interventions;

namespace StoreSales.Abstractions.Interventions;

/// <summary>
/// One condition of one subject, e.g. key <c>store-sh001/day-behind</c>. While its alert is open, raising the
/// same condition again returns that alert instead of opening a second one; after it is resolved, the next
/// raise opens a new occurrence.
/// </summary>
public interface IInterventionGrain : IGrainWithStringKey
{
    Task<Intervention> Raise(InterventionSubject subject, InterventionEvidence evidence, string severity, string assignee);

    Task<InterventionActionResult> Act(InterventionAction action, string by, string? note);

    /// <summary>The open alert, or the last one when none is open; null before the first.</summary>
    Task<Intervention?> GetCurrent();
}
