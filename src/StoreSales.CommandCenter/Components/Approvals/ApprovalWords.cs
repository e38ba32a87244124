using StoreSales.CommandCenter.Resources;
using StoreSales.Domain.Approvals;

namespace StoreSales.CommandCenter.Components.Approvals;

/// <summary>The resource keys of the approvals' kinds, roles, statuses and refusals (their codes carry hyphens).</summary>
public static class ApprovalWords
{
    public static string KindKey(string kind) => kind switch
    {
        ApprovalKinds.ContractEntry => "ApprovalKindContractEntry",
        ApprovalKinds.Quote => "ApprovalKindQuote",
        ApprovalKinds.OrderRelease => "ApprovalKindOrderRelease",
        _ => "ApprovalKindOther",
    };

    /// <summary>The chain's own word for the role (as the sign-in shows it); an unknown role as its code.</summary>
    public static string RoleKey(string role) => CodeWords.RoleKey(role);

    public static string StatusKey(ApprovalStatus status) => "ApprovalStatus" + status;

    public static string RefusalKey(ApprovalRefusal refusal) => "ApprovalRefused" + refusal;
}
