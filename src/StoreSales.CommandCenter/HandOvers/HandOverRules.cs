using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.CommandCenter.HandOvers;

/// <summary>The names the API and pages give offboarding's rules (problem details' <c>rule</c>, <c>gaps</c>, resource keys).</summary>
public static class HandOverRules
{
    public const string AlreadyDeparting = "already-departing";
    public const string AlreadyGone = "already-gone";
    public const string Completed = "hand-over-completed";
    public const string Gaps = "hand-over-gaps";

    public static string Of(DepartureRefusal refusal) => refusal switch
    {
        DepartureRefusal.AlreadyDeparting => AlreadyDeparting,
        DepartureRefusal.AlreadyGone => AlreadyGone,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    public static string Of(HandOverGap gap) => gap switch
    {
        HandOverGap.StageMissing => "stage-missing",
        HandOverGap.NotesMissing => "notes-missing",
        HandOverGap.TooFewSuccessors => "too-few-successors",
        HandOverGap.TooManySuccessors => "too-many-successors",
        HandOverGap.DepartingRepAsSuccessor => "departing-rep-as-successor",
        HandOverGap.DuplicateSuccessor => "duplicate-successor",
        HandOverGap.SuccessorNotInTeam => "successor-not-in-team",
        HandOverGap.SuccessorLeaving => "successor-leaving",
        _ => throw new ArgumentOutOfRangeException(nameof(gap), gap, null),
    };

    /// <summary>The sentence for a gap (API detail; pages word it from the resources by <see cref="Of(HandOverGap)"/>).</summary>
    public static string Explain(HandOverGap gap, HandOverOptions options) => gap switch
    {
        HandOverGap.StageMissing => "The customer's current stage is not confirmed.",
        HandOverGap.NotesMissing => $"The last {options.NotesRequired} interaction notes (all, when fewer) are not confirmed as handed over.",
        HandOverGap.TooFewSuccessors => $"At least {options.MinSuccessors} successor(s) ({HandOverOptions.SectionName}:{nameof(HandOverOptions.MinSuccessors)}).",
        HandOverGap.TooManySuccessors => $"At most {options.MaxSuccessors} successors ({HandOverOptions.SectionName}:{nameof(HandOverOptions.MaxSuccessors)}).",
        HandOverGap.DepartingRepAsSuccessor => "The departing rep cannot be their own successor.",
        HandOverGap.DuplicateSuccessor => "A successor is named twice.",
        HandOverGap.SuccessorNotInTeam => "A successor is not a working rep of the departing rep's store or department.",
        HandOverGap.SuccessorLeaving => "A successor is departing or gone themselves.",
        _ => throw new ArgumentOutOfRangeException(nameof(gap), gap, null),
    };
}
