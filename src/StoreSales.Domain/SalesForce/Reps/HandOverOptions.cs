namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>
/// Offboarding hand-over (离职交接). Bound from configuration section <c>SalesForce:HandOver</c>; keys and defaults
/// in docs/domain.md ("The sales force").
/// </summary>
public sealed record HandOverOptions
{
    public const string SectionName = "SalesForce:HandOver";

    /// <summary>Each customer's hand-over is due this long after the rep's departure starts. Default 72 hours.</summary>
    public TimeSpan DueWithin { get; init; } = TimeSpan.FromHours(72);

    /// <summary>The fewest successors a customer may be handed to. Default 1.</summary>
    public int MinSuccessors { get; init; } = 1;

    /// <summary>The most successors a customer may be handed to. Default 3.</summary>
    public int MaxSuccessors { get; init; } = 3;

    /// <summary>How many of the customer's last interaction notes go with it (all of them when it has fewer). Default 3.</summary>
    public int NotesRequired { get; init; } = 3;

    /// <summary>
    /// How often a departure's hand-overs are checked for overdue (the period of the departure grain's Orleans reminder).
    /// Default 1 minute (Orleans' smallest reminder period by default): an overdue hand-over is alerted within a minute.
    /// </summary>
    public TimeSpan OverdueCheckEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Describes the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (DueWithin <= TimeSpan.Zero)
        {
            return $"{SectionName}:{nameof(DueWithin)} must be longer than zero (is {DueWithin}).";
        }

        if (MinSuccessors < 1)
        {
            return $"{SectionName}:{nameof(MinSuccessors)} must be at least 1: a customer cannot be handed to nobody (is {MinSuccessors}).";
        }

        if (MaxSuccessors < MinSuccessors)
        {
            return $"{SectionName}:{nameof(MaxSuccessors)} must be at least {nameof(MinSuccessors)} (is {MaxSuccessors}).";
        }

        if (OverdueCheckEvery < TimeSpan.FromSeconds(1))
        {
            return $"{SectionName}:{nameof(OverdueCheckEvery)} must be at least one second (is {OverdueCheckEvery}).";
        }

        return NotesRequired < 0
            ? $"{SectionName}:{nameof(NotesRequired)} must not be negative (is {NotesRequired})."
            : null;
    }
}
