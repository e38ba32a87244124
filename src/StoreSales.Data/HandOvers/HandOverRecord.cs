using StoreSales.Domain.SalesForce.Reps;

namespace StoreSales.Data.HandOvers;

/// <summary>
/// One customer's hand-over as stored, with the departing rep's team (who may see and work it) and the customer's name.
/// <see cref="StageSnapshot"/> and <see cref="Notes"/> are as they were when the departure started; <see cref="Stage"/>
/// is the stage confirmed on the form (null until then).
/// </summary>
public sealed record HandOverRecord(
    long HandOverId,
    long DepartureId,
    string CustomerId,
    string CustomerName,
    string DepartingRepId,
    string DepartingRepName,
    string StoreId,
    string DepartmentId,
    string RegionId,
    DateTimeOffset StartedAt,
    DateTimeOffset DueAt,
    string StageSnapshot,
    string? Stage,
    IReadOnlyList<HandOverNote> Notes,
    int NotesAvailable,
    int NotesIncluded,
    IReadOnlyList<string> Successors,
    DateTimeOffset? CompletedAt,
    string? CompletedBy)
{
    /// <summary>The hand-over as the rule reads it.</summary>
    public CustomerHandOver ForRule() =>
        new(CustomerId, DepartingRepId, StartedAt, Stage, NotesIncluded, NotesAvailable, Successors, CompletedAt);
}

/// <summary>One interaction note handed over: when, what kind, by whom, the text.</summary>
public sealed record HandOverNote(DateTimeOffset At, string Kind, string RepId, string Note);

/// <summary>A rep who may be named successor.</summary>
public sealed record SuccessorCandidate(string RepId, string Name);
