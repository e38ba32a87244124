namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>Why a stage move is refused; the API names it as <c>rule</c> (<see cref="StageMoveVerdict.Rule"/>).</summary>
public enum StageMoveRefusal
{
    /// <summary>The opportunity is won or lost: its stage no longer moves.</summary>
    Closed = 0,

    /// <summary>The target is not a stage of the opportunity's product line.</summary>
    UnknownStage = 1,

    /// <summary>The target is the stage it is in.</summary>
    SameStage = 2,

    /// <summary>Forward more than one stage at once: every stage's gate is passed in turn.</summary>
    SkipsStage = 3,

    /// <summary>Forward without the documents the stage being left requires, uploaded in that stage.</summary>
    EvidenceMissing = 4,

    /// <summary>A contract entry waits for the sales director's decision: no other move forward meanwhile.</summary>
    AwaitingApproval = 5,
}
