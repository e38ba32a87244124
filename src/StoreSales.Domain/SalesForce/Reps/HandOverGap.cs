namespace StoreSales.Domain.SalesForce.Reps;

/// <summary>What a hand-over still lacks before it can be completed.</summary>
public enum HandOverGap
{
    /// <summary>The customer's current stage is not marked.</summary>
    StageMissing,

    /// <summary>Fewer of the last interaction notes than required (<c>SalesForce:HandOver:NotesRequired</c>).</summary>
    NotesMissing,

    /// <summary>Fewer successors than required (<c>SalesForce:HandOver:MinSuccessors</c>).</summary>
    TooFewSuccessors,

    /// <summary>More successors than allowed (<c>SalesForce:HandOver:MaxSuccessors</c>).</summary>
    TooManySuccessors,

    /// <summary>The departing rep is named as their own successor.</summary>
    DepartingRepAsSuccessor,

    /// <summary>A successor is named twice.</summary>
    DuplicateSuccessor,

    /// <summary>A successor is not a rep of the departing rep's team (their store or department), or no rep at all.</summary>
    SuccessorNotInTeam,

    /// <summary>A successor is departing or gone themselves.</summary>
    SuccessorLeaving,
}
