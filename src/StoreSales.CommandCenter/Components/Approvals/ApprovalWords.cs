using StoreSales.Domain.Access;
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

    public static string RoleKey(string role) => role switch
    {
        ChainRoles.SalesDirector => "ApprovalRoleSalesDirector",
        ChainRoles.Legal => "ApprovalRoleLegal",
        ChainRoles.Finance => "ApprovalRoleFinance",
        _ => "ApprovalRoleOther",
    };

    public static string StatusKey(ApprovalStatus status) => "ApprovalStatus" + status;

    public static string RefusalKey(ApprovalRefusal refusal) => "ApprovalRefused" + refusal;
}
