using StoreSales.Domain.Approvals;

namespace StoreSales.CommandCenter.Approvals;

/// <summary>What a decision on a request came to, for the API to answer and the page to show alike.</summary>
public abstract record ApprovalDeskOutcome;

/// <summary>Kept: the request as it now stands for the viewer.</summary>
public sealed record ApprovalKept(ApprovalView View) : ApprovalDeskOutcome;

/// <summary>Unknown, or outside the viewer's sight (not told apart): 404.</summary>
public sealed record ApprovalNotFound(long ApprovalId) : ApprovalDeskOutcome;

/// <summary>Refused by the approval rule, named (<see cref="ApprovalRefused.Rule"/>).</summary>
public sealed record ApprovalRefusedByRule(ApprovalRefused Refused) : ApprovalDeskOutcome;
