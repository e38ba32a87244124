using StoreSales.Domain.Approvals;

namespace StoreSales.Domain.Tests.Approvals;

/// <summary>
/// The one approval rule: every required role decides once, in any order; one rejection rejects; approved when every
/// required role approved; nobody decides their own request; a decision carries a reason.
/// </summary>
public sealed class ApprovalRuleTests
{
    private const string Legal = "legal";
    private const string Finance = "finance";
    private const string Director = "sales-director";
    private const string Requester = "sh001.rep";

    private static readonly string[] LegalAndFinance = [Legal, Finance];

    private static ApprovalVote[] Votes(string votes) =>
        [.. votes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split(':')).Select(v => new ApprovalVote(v[0], v[1] == "yes"))];

    [Theory]
    // votes so far (role:yes|no, in the order given)   status after
    [InlineData("", ApprovalStatus.Pending)]
    [InlineData("legal:yes", ApprovalStatus.Pending)]
    [InlineData("finance:yes", ApprovalStatus.Pending)]
    [InlineData("legal:yes,finance:yes", ApprovalStatus.Approved)]
    [InlineData("finance:yes,legal:yes", ApprovalStatus.Approved)]   // any order
    [InlineData("legal:no", ApprovalStatus.Rejected)]                // one rejection rejects at once
    [InlineData("finance:no", ApprovalStatus.Rejected)]
    [InlineData("legal:yes,finance:no", ApprovalStatus.Rejected)]
    [InlineData("finance:no,legal:yes", ApprovalStatus.Rejected)]
    public void Legal_and_finance_both_approve_in_any_order_and_one_rejection_rejects(string votes, ApprovalStatus expected) =>
        Assert.Equal(expected, ApprovalRule.StatusAfter(LegalAndFinance, Votes(votes)));

    [Fact]
    public void A_single_required_role_approves_or_rejects_alone()
    {
        Assert.Equal(ApprovalStatus.Approved, ApprovalRule.StatusAfter([Director], Votes("sales-director:yes")));
        Assert.Equal(ApprovalStatus.Rejected, ApprovalRule.StatusAfter([Director], Votes("sales-director:no")));
    }

    [Theory]
    // status,                  decider,     decider's roles,    votes so far,   reason,        role decided in, refusal
    [InlineData(ApprovalStatus.Pending, "legal", "legal", "", "checked", Legal, null)]
    [InlineData(ApprovalStatus.Pending, "finance", "finance", "legal:yes", "margin ok", Finance, null)]
    [InlineData(ApprovalStatus.Pending, "legal", "legal", "finance:yes", "clauses ok", Legal, null)]              // after finance: any order
    [InlineData(ApprovalStatus.Approved, "legal", "legal", "legal:yes,finance:yes", "again", null, ApprovalRefusal.AlreadyDecided)]
    [InlineData(ApprovalStatus.Rejected, "finance", "finance", "legal:no", "late", null, ApprovalRefusal.AlreadyDecided)]
    [InlineData(ApprovalStatus.Withdrawn, "legal", "legal", "", "late", null, ApprovalRefusal.AlreadyDecided)]
    [InlineData(ApprovalStatus.Pending, Requester, "legal", "", "mine", null, ApprovalRefusal.OwnRequest)]        // own request, even holding the role
    [InlineData(ApprovalStatus.Pending, "east.director", "sales-director", "", "ok", null, ApprovalRefusal.NotApprover)]  // a role not required
    [InlineData(ApprovalStatus.Pending, "hq", "hq", "", "ok", null, ApprovalRefusal.NotApprover)]
    [InlineData(ApprovalStatus.Pending, "legal2", "legal", "legal:yes", "twice", null, ApprovalRefusal.RoleAlreadyDecided)]  // the role decided once
    [InlineData(ApprovalStatus.Pending, "legal", "legal", "", "", null, ApprovalRefusal.ReasonMissing)]
    [InlineData(ApprovalStatus.Pending, "legal", "legal", "", "   ", null, ApprovalRefusal.ReasonMissing)]
    [InlineData(ApprovalStatus.Pending, "legal", "legal", "", null, null, ApprovalRefusal.ReasonMissing)]
    [InlineData(ApprovalStatus.Pending, "both", "finance,legal", "legal:yes", "ok", Finance, null)]             // holding both: the open one
    public void A_decision_is_refused_twice_for_ones_own_without_reason_or_outside_the_required_roles(
        ApprovalStatus status, string decider, string roles, string votes, string? reason, string? role, ApprovalRefusal? refusal)
    {
        var (decidedIn, refused) = ApprovalRule.CheckDecision(
            status, Requester, LegalAndFinance, Votes(votes), decider, roles.Split(',').ToHashSet(StringComparer.Ordinal), reason);

        Assert.Equal(role, decidedIn);
        Assert.Equal(refusal, refused?.Refusal);
        Assert.True(refused is null || refused.Reason.Length > 0);
    }

    [Theory]
    [InlineData(ApprovalRefusal.AlreadyDecided, "already-decided")]
    [InlineData(ApprovalRefusal.OwnRequest, "own-request")]
    [InlineData(ApprovalRefusal.NotApprover, "not-approver")]
    [InlineData(ApprovalRefusal.RoleAlreadyDecided, "role-already-decided")]
    [InlineData(ApprovalRefusal.ReasonMissing, "reason-required")]
    public void Each_refusal_names_its_rule(ApprovalRefusal refusal, string rule) =>
        Assert.Equal(rule, new ApprovalRefused(refusal, "why").Rule);

    [Fact]
    public void The_roles_still_to_decide_are_those_without_a_vote()
    {
        Assert.Equal(LegalAndFinance, ApprovalRule.Waiting(LegalAndFinance, []));
        Assert.Equal([Finance], ApprovalRule.Waiting(LegalAndFinance, Votes("legal:yes")));
        Assert.Empty(ApprovalRule.Waiting(LegalAndFinance, Votes("finance:yes,legal:yes")));
    }
}
