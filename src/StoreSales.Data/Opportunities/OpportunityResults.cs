using StoreSales.Abstractions.Opportunities;
using StoreSales.Data.Approvals;
using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Data.Opportunities;

/// <summary>The outcome of a stage move.</summary>
public abstract record MoveResult;

/// <summary>The opportunity moved; <see cref="Withdrawn"/> is the contract entry a move back withdrew, if one was pending.</summary>
public sealed record Moved(OpportunityFacts Opportunity, OpportunityMoveFact Move, ApprovalRequest? Withdrawn) : MoveResult;

/// <summary>Entering contract above the amount: the request filed (or the pending one found) and the opportunity waiting in its stage.</summary>
public sealed record MoveAwaitsApproval(OpportunityFacts Opportunity, ApprovalRequest Approval, bool Existing, string Reason) : MoveResult;

/// <summary>Refused by the stage gate; nothing changed.</summary>
public sealed record MoveRefused(OpportunityFacts Opportunity, StageMoveVerdict Verdict) : MoveResult;

/// <summary>An evidence id that is not a file uploaded to this opportunity in its current stage; nothing changed.</summary>
public sealed record MoveEvidenceNotInStage(OpportunityFacts Opportunity, IReadOnlyList<long> EvidenceIds) : MoveResult;

public sealed record OpportunityUnknown : MoveResult;

/// <summary>The outcome of closing an opportunity (won or lost).</summary>
public abstract record CloseResult;

/// <summary>Closed: the close is kept as the last move (from its stage to <c>won</c> or <c>lost</c>, the reason as note); <see cref="Withdrawn"/> is the contract entry a loss withdrew.</summary>
public sealed record OpportunityClosed(OpportunityFacts Opportunity, OpportunityMoveFact Move, ApprovalRequest? Withdrawn) : CloseResult;

/// <summary>Refused by <see cref="OpportunityCloseRule"/>; nothing changed.</summary>
public sealed record CloseRefused(OpportunityFacts Opportunity, OpportunityCloseVerdict Verdict) : CloseResult;

public sealed record CloseOpportunityUnknown : CloseResult;

/// <summary>The outcome of an evidence upload.</summary>
public abstract record EvidenceResult;

public sealed record EvidenceStored(OpportunityFacts Opportunity, EvidenceFact Evidence) : EvidenceResult;

public sealed record EvidenceRefused(OpportunityFacts Opportunity, EvidenceVerdict Verdict) : EvidenceResult;

public sealed record EvidenceOpportunityUnknown : EvidenceResult;

/// <summary>An evidence file's bytes, to be served only within the opportunity's scope.</summary>
public sealed record EvidenceContent(EvidenceFact Evidence, byte[] Content);
