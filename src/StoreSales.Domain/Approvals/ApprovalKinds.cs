namespace StoreSales.Domain.Approvals;

/// <summary>The kinds of request the approvals inbox carries (docs/domain.md "Approvals"); each kind's own code applies the outcome.</summary>
public static class ApprovalKinds
{
    /// <summary>An opportunity above Opportunities:ContractApprovalAmount entering contract: the sales director decides.</summary>
    public const string ContractEntry = "contract-entry";

    /// <summary>A quote version whose discount is beyond the rep's own authority: the director, or legal and finance both.</summary>
    public const string Quote = "quote";

    /// <summary>A B2B order held by the credit check: released (or cancelled) by the configured approver.</summary>
    public const string OrderRelease = "order-release";

    public static readonly IReadOnlyList<string> All = [ContractEntry, Quote, OrderRelease];
}
