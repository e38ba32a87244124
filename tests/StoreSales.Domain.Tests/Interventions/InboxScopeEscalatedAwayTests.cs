using StoreSales.Domain.Interventions;

namespace StoreSales.Domain.Tests.Interventions;

/// <summary>
/// An alert escalated away from a rep (or anyone it was assigned to) stays in their inbox, marked as escalated, while
/// the work follows the inbox scope of its assignee now: the one rule the page, the API and the hub use.
/// </summary>
public sealed class InboxScopeEscalatedAwayTests
{
    private static readonly InboxScope Rep = new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) { "rep:rep-1" });

    public static TheoryData<string, string, string[], InboxHolding> Cases => new()
    {
        // case,                                       assignee now,          assigned before,                     the rep's inbox
        { "the rep's own alert",                       "rep:rep-1",           [],                                  InboxHolding.Works },
        { "escalated from the rep to the supervisor",  "supervisor:east",     ["rep:rep-1"],                       InboxHolding.EscalatedAway },
        { "escalated on, to HQ",                       "hq",                  ["rep:rep-1", "supervisor:east"],    InboxHolding.EscalatedAway },
        { "another rep's alert, escalated",            "supervisor:east",     ["rep:rep-2"],                       InboxHolding.None },
        { "another rep's alert",                       "rep:rep-2",           [],                                  InboxHolding.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_rep_s_inbox_holds_what_was_assigned_to_them_and_works_only_what_is_theirs_now(string @case, string assignee, string[] before, InboxHolding expected)
    {
        var holding = Rep.HoldingOf("region-east", "store-sh001", assignee, before);

        Assert.True(expected == holding, @case);
        Assert.Equal(expected != InboxHolding.None, Rep.Holds("region-east", "store-sh001", assignee, before));
    }

    [Fact]
    public void A_region_s_inbox_works_an_alert_escalated_within_the_region()
    {
        var supervisor = new InboxScope(new HashSet<string>(StringComparer.Ordinal) { "region-east" }, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

        Assert.Equal(InboxHolding.Works, supervisor.HoldingOf("region-east", null, "regional-manager:region-east", ["rep:rep-1"]));
    }
}
