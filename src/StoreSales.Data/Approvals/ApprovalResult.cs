using StoreSales.Domain.Approvals;

namespace StoreSales.Data.Approvals;

/// <summary>The outcome of filing or deciding an approval request.</summary>
public abstract record ApprovalResult;

/// <summary>Filed; <see cref="Existing"/> when a pending request for the same subject and kind was found instead.</summary>
public sealed record ApprovalFiled(ApprovalRequest Request, bool Existing) : ApprovalResult;

/// <summary>A decision kept; the request's status may still be pending (another role to decide).</summary>
public sealed record ApprovalDecided(ApprovalRequest Request, ApprovalDecision Decision) : ApprovalResult;

public sealed record ApprovalRefusedResult(ApprovalRefused Refused) : ApprovalResult;

public sealed record ApprovalUnknown : ApprovalResult;
