using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Domain.Tests.SalesForce.Opportunities;

public sealed class StageMoveRuleTests
{
    private static readonly OpportunityOptions Defaults = new();
    private static readonly OpportunityPath Chain = Defaults.PathOf("medical-devices");

    private static readonly string[] Sheet = ["needs-confirmation-sheet"];
    private static readonly string[] Minutes = ["meeting-minutes"];

    public static TheoryData<string, string, string, decimal, string[], StageMoveOutcome, string?> Cases => new()
    {
        // because, from, to, amount, evidence uploaded in the stage, outcome, rule
        { "lead to needs-confirmed: lead requires nothing", "lead", "needs-confirmed", 10_000m, [], StageMoveOutcome.Moves, null },
        { "two stages at once", "lead", "proposal", 10_000m, [], StageMoveOutcome.Refused, "one-stage-at-a-time" },
        { "two stages at once even with the evidence", "needs-confirmed", "quote", 10_000m, [.. Sheet, .. Minutes], StageMoveOutcome.Refused, "one-stage-at-a-time" },
        { "needs-confirmed without its sheet", "needs-confirmed", "proposal", 10_000m, [], StageMoveOutcome.Refused, "evidence-missing" },
        { "needs-confirmed with the wrong document", "needs-confirmed", "proposal", 10_000m, Minutes, StageMoveOutcome.Refused, "evidence-missing" },
        { "needs-confirmed with its sheet", "needs-confirmed", "proposal", 10_000m, Sheet, StageMoveOutcome.Moves, null },
        { "proposal without minutes", "proposal", "quote", 10_000m, [], StageMoveOutcome.Refused, "evidence-missing" },
        { "proposal with minutes", "proposal", "quote", 10_000m, Minutes, StageMoveOutcome.Moves, null },
        { "back three stages, no evidence asked", "quote", "lead", 10_000m, [], StageMoveOutcome.Moves, null },
        { "back one stage", "contract", "quote", 900_000m, [], StageMoveOutcome.Moves, null },
        { "same stage", "proposal", "proposal", 10_000m, Minutes, StageMoveOutcome.Refused, "same-stage" },
        { "unknown stage", "proposal", "negotiation", 10_000m, Minutes, StageMoveOutcome.Refused, "unknown-stage" },
        { "contract at exactly 500,000: no approval", "quote", "contract", 500_000m, [], StageMoveOutcome.Moves, null },
        { "contract at 500,000.01: the director", "quote", "contract", 500_000.01m, [], StageMoveOutcome.NeedsApproval, null },
        { "contract at 1,200,000: the director", "quote", "contract", 1_200_000m, [], StageMoveOutcome.NeedsApproval, null },
        { "payment above the amount: no approval (only contract's entry)", "contract", "payment", 1_200_000m, [], StageMoveOutcome.Moves, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_move_moves_waits_or_is_refused_naming_the_rule(string because, string from, string to, decimal amount, string[] evidence, StageMoveOutcome outcome, string? rule)
    {
        var verdict = StageMoveRule.Decide(Chain, new StageMoveRequest(from, to, amount, evidence.ToHashSet()), Defaults);

        Assert.True(outcome == verdict.Outcome, $"{because}: {verdict.Outcome} {verdict.Reason}");
        Assert.Equal(rule, verdict.Rule);
        Assert.Equal(outcome == StageMoveOutcome.Moves, verdict.Reason is null);
    }

    [Fact]
    public void The_missing_evidence_message_names_what_is_missing()
    {
        var verdict = StageMoveRule.Decide(Chain, new StageMoveRequest("needs-confirmed", "proposal", 10_000m, new HashSet<string>()), Defaults);

        Assert.Equal(["needs-confirmation-sheet"], verdict.Missing);
        Assert.Equal("Leaving needs-confirmed requires needs-confirmation-sheet, uploaded in needs-confirmed.", verdict.Reason);
    }

    [Fact]
    public void Two_stages_at_once_names_the_next_stage()
    {
        var verdict = StageMoveRule.Decide(Chain, new StageMoveRequest("lead", "proposal", 1m, new HashSet<string>()), Defaults);

        Assert.Equal("One stage at a time: from lead the next stage is needs-confirmed, not proposal.", verdict.Reason);
    }

    [Fact]
    public void A_pending_contract_entry_holds_forward_moves_but_not_moves_back()
    {
        var forward = StageMoveRule.Decide(Chain, new StageMoveRequest("quote", "contract", 900_000m, new HashSet<string>(), ApprovalPending: true), Defaults);
        var back = StageMoveRule.Decide(Chain, new StageMoveRequest("quote", "proposal", 900_000m, new HashSet<string>(), ApprovalPending: true), Defaults);

        Assert.Equal("awaiting-approval", forward.Rule);
        Assert.Equal(StageMoveOutcome.Moves, back.Outcome);
        Assert.True(back.IsBackward);
    }

    [Fact]
    public void A_closed_opportunity_does_not_move()
    {
        var verdict = StageMoveRule.Decide(Chain, new StageMoveRequest("quote", "proposal", 1m, new HashSet<string>(), Closed: true), Defaults);

        Assert.Equal("closed", verdict.Rule);
    }

    [Fact]
    public void The_approval_amount_is_configuration()
    {
        var options = new OpportunityOptions { ContractApprovalAmount = 100_000m };

        Assert.Equal(StageMoveOutcome.NeedsApproval, StageMoveRule.Decide(options.PathOf("x"), new StageMoveRequest("quote", "contract", 100_001m, new HashSet<string>()), options).Outcome);
        Assert.Equal(StageMoveOutcome.Moves, StageMoveRule.Decide(options.PathOf("x"), new StageMoveRequest("quote", "contract", 100_000m, new HashSet<string>()), options).Outcome);
    }
}
