using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Domain.Tests.SalesForce.Opportunities;

/// <summary>Won only from the path's last stage (or a configured one), lost from any open stage with a reason; closed stays closed.</summary>
public sealed class OpportunityCloseRuleTests
{
    private static readonly OpportunityOptions Defaults = new();
    private static readonly OpportunityOptions WonAtContract = new() { WonFrom = ["contract"] };
    private static readonly OpportunityPath Chain = Defaults.PathOf("medical-devices");

    public static TheoryData<string, string, bool, bool, string?, string?, bool, string?> Cases => new()
    {
        // because, stage, closed, approval pending, outcome, reason, won-at-contract configured, rule (null: closes)
        { "won from the last stage", "payment", false, false, "won", null, false, null },
        { "won from the last stage, with a note", "payment", false, false, "won", "paid in full", false, null },
        { "won from contract: not by default", "contract", false, false, "won", null, false, "not-winnable-stage" },
        { "won from contract when configured", "contract", false, false, "won", null, true, null },
        { "won from quote even when contract is configured", "quote", false, false, "won", null, true, "not-winnable-stage" },
        { "won while the contract entry waits", "contract", false, true, "won", null, true, "awaiting-approval" },
        { "lost from the first stage with a reason", "lead", false, false, "lost", "went with a competitor", false, null },
        { "lost while the contract entry waits", "quote", false, true, "lost", "budget cut", false, null },
        { "lost without a reason", "proposal", false, false, "lost", null, false, "reason-required" },
        { "lost with a blank reason", "proposal", false, false, "lost", "   ", false, "reason-required" },
        { "closed twice", "payment", true, false, "won", null, false, "closed" },
        { "lost after won", "payment", true, false, "lost", "changed our mind", false, "closed" },
        { "an outcome that is neither", "payment", false, false, "abandoned", "x", false, "unknown-outcome" },
        { "no outcome", "payment", false, false, null, null, false, "unknown-outcome" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_close_is_allowed_or_refused_naming_the_rule(string because, string stage, bool closed, bool pending, string? outcome, string? reason, bool wonAtContract, string? rule)
    {
        var verdict = OpportunityCloseRule.Decide(Chain, stage, closed, pending, outcome, reason, wonAtContract ? WonAtContract : Defaults);

        Assert.True(rule == verdict.Rule, $"{because}: {verdict.Rule} {verdict.Reason}");
        Assert.Equal(rule is null, verdict.Allowed);
    }

    [Fact]
    public void A_reason_longer_than_the_setting_is_refused_and_one_at_the_limit_is_kept_trimmed()
    {
        var options = new OpportunityOptions { CloseReasonMaxLength = 20 };

        var tooLong = OpportunityCloseRule.Decide(Chain, "lead", false, false, "lost", new string('x', 21), options);
        var atLimit = OpportunityCloseRule.Decide(Chain, "lead", false, false, "lost", "  " + new string('x', 20) + " ", options);

        Assert.Equal(("reason-too-long", "reason"), (tooLong.Rule, tooLong.Field));
        Assert.Equal(new string('x', 20), atLimit.KeptReason);
    }

    [Fact]
    public void A_won_stage_that_is_blank_stops_the_start()
    {
        Assert.Contains("WonFrom", new OpportunityOptions { WonFrom = [" "] }.Validate(), StringComparison.Ordinal);
        Assert.Null(WonAtContract.Validate());
    }
}
