using StoreSales.Domain.Targets.Changes;

namespace StoreSales.Domain.Tests.Targets;

/// <summary>Amounts, reasons, the freeze and who decides a change request (docs/domain.md "Sales targets").</summary>
public sealed class TargetChangeRuleTests
{
    private static readonly DateTimeOffset Freeze = new(2026, 3, 26, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Before = Freeze.AddSeconds(-1);
    private static readonly HashSet<string> Hq = ["hq"];

    [Theory]
    [InlineData(0, null)]
    [InlineData(1200000.50, null)]
    [InlineData(-0.01, TargetRefusal.Negative)]
    [InlineData(10.001, TargetRefusal.NotInCents)]
    public void An_amount_is_at_least_zero_and_in_cents(double amount, TargetRefusal? refusal)
    {
        var refused = TargetChangeRule.CheckAmount((decimal)amount);

        Assert.Equal(refusal, refused?.Refusal);
        if (refused is not null)
        {
            Assert.Equal("amount", refused.Field);
        }
    }

    [Fact]
    public void An_edit_is_free_until_the_freeze_and_refused_from_it_naming_the_month()
    {
        Assert.Null(TargetChangeRule.CheckEdit(100m, Freeze, Before));

        var refused = TargetChangeRule.CheckEdit(100m, Freeze, Freeze);

        Assert.Equal(TargetRefusal.Frozen, refused?.Refusal);
        Assert.Equal("month", refused?.Field);
        Assert.Equal("frozen", refused?.Rule);
    }

    [Theory]
    [InlineData(null, TargetRefusal.ReasonMissing)]
    [InlineData("  ", TargetRefusal.ReasonMissing)]
    [InlineData("new competitor opened next door", null)]
    public void A_request_after_the_freeze_needs_a_reason(string? reason, TargetRefusal? refusal)
    {
        Assert.Equal(refusal, TargetChangeRule.CheckRequest(100m, reason, Freeze, Freeze.AddHours(1))?.Refusal);
    }

    [Fact]
    public void A_request_before_the_freeze_is_refused_the_target_is_edited_directly()
    {
        Assert.Equal(TargetRefusal.NotFrozen, TargetChangeRule.CheckRequest(100m, "why", Freeze, Before)?.Refusal);
    }

    [Fact]
    public void A_request_with_a_negative_amount_names_the_amount_before_anything_else()
    {
        Assert.Equal(TargetRefusal.Negative, TargetChangeRule.CheckRequest(-1m, null, Freeze, Before)?.Refusal);
    }

    public static TheoryData<string, bool, string, string[], TargetRefusal?> Decisions => new()
    {
        { "east.manager", true, "hq", ["hq"], null },
        { "east.manager", true, "east.supervisor", ["field-supervisor"], TargetRefusal.NotApprover },
        { "hq", true, "hq", ["hq"], TargetRefusal.OwnRequest },
        { "east.manager", false, "hq", ["hq"], TargetRefusal.AlreadyDecided },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Only_the_approver_role_decides_never_the_requester_and_only_once(string requestedBy, bool pending, string decider, string[] roles, TargetRefusal? refusal)
    {
        Assert.Equal(refusal, TargetChangeRule.CheckDecision(requestedBy, pending, decider, roles.ToHashSet(), "hq")?.Refusal);
    }

    [Fact]
    public void The_approver_role_is_the_configured_one()
    {
        Assert.Null(TargetChangeRule.CheckDecision("east.manager", true, "east.supervisor", new HashSet<string> { "field-supervisor" }, "field-supervisor"));
        Assert.Equal(TargetRefusal.NotApprover, TargetChangeRule.CheckDecision("east.manager", true, "hq", Hq, "field-supervisor")?.Refusal);
    }
}
