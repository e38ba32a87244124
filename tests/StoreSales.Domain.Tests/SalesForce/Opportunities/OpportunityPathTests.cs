using StoreSales.Domain.SalesForce.Opportunities;

namespace StoreSales.Domain.Tests.SalesForce.Opportunities;

public sealed class OpportunityPathTests
{
    private static OpportunityOptions WithLines() => new()
    {
        ProductLines = new(StringComparer.Ordinal)
        {
            ["auto-parts"] =
            [
                new() { Name = "lead" },
                new() { Name = "sample-tested", Evidence = ["test-report"], YellowAfter = TimeSpan.FromDays(3), StalledAfter = TimeSpan.FromDays(5) },
                new() { Name = "contract" },
                new() { Name = "payment" },
            ],
            ["Default"] =
            [
                new() { Name = "lead" },
                new() { Name = "contract", Evidence = ["signed-order"] },
                new() { Name = "payment" },
            ],
        },
    };

    [Fact]
    public void The_chain_path_is_used_when_nothing_is_configured()
    {
        var path = new OpportunityOptions().PathOf("pharmacy-supply");

        Assert.Equal(["lead", "needs-confirmed", "proposal", "quote", "contract", "payment"], path.Stages.Select(s => s.Name));
        Assert.Equal(["needs-confirmation-sheet"], path.Find("needs-confirmed")!.Evidence);
        Assert.Equal(["meeting-minutes"], path.Find("proposal")!.Evidence);
        Assert.All(path.Stages, s => Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(14)), (s.YellowAfter, s.StalledAfter)));
    }

    [Fact]
    public void A_configured_line_has_its_own_stages_evidence_and_limits()
    {
        var path = WithLines().PathOf("auto-parts");

        Assert.Equal(["lead", "sample-tested", "contract", "payment"], path.Stages.Select(s => s.Name));
        var tested = path.Find("sample-tested")!;
        Assert.Equal((TimeSpan.FromDays(3), TimeSpan.FromDays(5)), (tested.YellowAfter, tested.StalledAfter));
        Assert.Equal(TimeSpan.FromDays(7), path.Find("lead")!.YellowAfter);
    }

    [Fact]
    public void An_unconfigured_line_follows_the_Default_line()
    {
        var options = WithLines();
        var path = options.PathOf("medical-devices");

        Assert.Equal("Default", path.ProductLine);
        Assert.Equal(["lead", "contract", "payment"], path.Stages.Select(s => s.Name));
        Assert.Equal("evidence-missing", StageMoveRule.Decide(path, new StageMoveRequest("contract", "payment", 1m, new HashSet<string>()), options).Rule);
    }

    [Fact]
    public void Gates_differ_per_product_line()
    {
        var options = WithLines();

        var autoParts = StageMoveRule.Decide(options.PathOf("auto-parts"), new StageMoveRequest("sample-tested", "contract", 1m, new HashSet<string>()), options);
        var other = StageMoveRule.Decide(options.PathOf("other"), new StageMoveRequest("lead", "contract", 1m, new HashSet<string>()), options);

        Assert.Equal(["test-report"], autoParts.Missing);
        Assert.Equal(StageMoveOutcome.Moves, other.Outcome);
    }

    public static TheoryData<string, Action<OpportunityOptions>, string?> Settings => new()
    {
        { "defaults", _ => { }, null },
        { "configured lines", o => o.ProductLines = WithLines().ProductLines, null },
        { "negative amount", o => o.ContractApprovalAmount = -1m, "ContractApprovalAmount" },
        { "no contract stage", o => o.ProductLines["x"] = [new() { Name = "lead" }, new() { Name = "won" }], "ContractStage" },
        { "a stage twice", o => o.ProductLines["x"] = [new() { Name = "lead" }, new() { Name = "lead" }, new() { Name = "contract" }], "Name" },
        { "stalled before yellow", o => o.StalledAfter = TimeSpan.FromDays(6), "StalledAfter" },
        { "tiny evidence limit", o => o.Evidence.MaxBytes = 10, "MaxBytes" },
        { "zero check period", o => o.AgeingCheckPeriod = TimeSpan.Zero, "AgeingCheckPeriod" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Options_are_validated_naming_the_key(string because, Action<OpportunityOptions> change, string? key)
    {
        var options = new OpportunityOptions();
        change(options);

        var problem = options.Validate();

        if (key is null)
        {
            Assert.True(problem is null, $"{because}: {problem}");
        }
        else
        {
            Assert.True(problem?.Contains(key, StringComparison.Ordinal) == true, $"{because}: {problem}");
        }
    }
}
