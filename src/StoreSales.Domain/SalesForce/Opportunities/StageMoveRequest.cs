namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>
/// What a stage move is judged on: the opportunity as it stands (stage, amount, closed, a contract entry pending), the
/// target, and the documents the move rests on (the requirement names of evidence uploaded in the current stage).
/// </summary>
public sealed record StageMoveRequest(
    string CurrentStage,
    string TargetStage,
    decimal Amount,
    IReadOnlySet<string> EvidenceInStage,
    bool Closed = false,
    bool ApprovalPending = false);
