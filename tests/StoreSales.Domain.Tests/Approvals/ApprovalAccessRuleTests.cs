using StoreSales.Domain.Access;

namespace StoreSales.Domain.Tests.Approvals;

/// <summary>
/// Who sees and decides which approval request: a director within their region or team, legal and finance chain-wide
/// for what needs them, HQ and administrators see all and decide nothing by that alone, the requester sees their own.
/// </summary>
public sealed class ApprovalAccessRuleTests
{
    private const string Region = "region-east";
    private const string Department = "dept-east-retail";
    private const string Requester = "sh001.rep";

    private static readonly ApprovalScope DirectorRequest = new(["sales-director"], Region, Department, Requester);
    private static readonly ApprovalScope LegalAndFinanceRequest = new(["legal", "finance"], Region, Department, Requester);

    private static ViewerScope Person(string roles, string regions = "", string departments = "", string? rep = null) =>
        ViewerScope.Of(Split(roles), Split(regions), []) with { Departments = [.. Split(departments)], RepId = rep };

    private static string[] Split(string values) => values.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    // name,            roles,                regions,        departments,    sees director's, decides in,       sees legal+finance, decides in
    [InlineData("east.director", "sales-director", Region, Department, true, "sales-director", false, "")]
    [InlineData("d.region", "sales-director", Region, "", true, "sales-director", false, "")]                  // by region alone
    [InlineData("d.team", "sales-director", "", Department, true, "sales-director", false, "")]                // by team alone
    [InlineData("south.director", "sales-director", "region-south", "dept-south", false, "", false, "")]      // another scope: 404
    [InlineData("d.unscoped", "sales-director", "", "", false, "", false, "")]                                 // no scope claim: nothing
    [InlineData("legal", "legal", "", "", false, "", true, "legal")]                                            // chain-wide, for what needs legal
    [InlineData("finance", "finance", "", "", false, "", true, "finance")]
    [InlineData("hq", "hq", "", "", true, "", true, "")]                                                         // sees all, decides nothing
    [InlineData("admin", "admin", "", "", true, "", true, "")]
    [InlineData("hq.legal", "hq,legal", "", "", true, "", true, "legal")]                                      // decides in a role held
    [InlineData("east.sales", "sales-manager", "", Department, false, "", false, "")]                          // a team's manager is no approver
    [InlineData("east.super", "field-supervisor", Region, "", false, "", false, "")]
    [InlineData("other.rep", "sales-rep", "", Department, false, "", false, "", "rep-sh001-02")]
    [InlineData(Requester, "sales-rep", "", Department, true, "", true, "", "rep-sh001-01")]                   // the requester sees their own
    [InlineData("board", "board", "", "", false, "", false, "")]
    public void Directors_decide_in_their_scope_legal_and_finance_chain_wide_and_hq_only_watches(
        string name, string roles, string regions, string departments, bool seesDirectors, string decidesDirectors, bool seesLegal, string decidesLegal, string? rep = null)
    {
        var viewer = Person(roles, regions, departments, rep);

        Assert.Equal(seesDirectors, ApprovalAccessRule.CanSee(viewer, name, DirectorRequest));
        Assert.Equal(Split(decidesDirectors), ApprovalAccessRule.DecidingRoles(viewer, DirectorRequest).Order(StringComparer.Ordinal));
        Assert.Equal(seesLegal, ApprovalAccessRule.CanSee(viewer, name, LegalAndFinanceRequest));
        Assert.Equal(Split(decidesLegal), ApprovalAccessRule.DecidingRoles(viewer, LegalAndFinanceRequest).Order(StringComparer.Ordinal));

        // The live groups follow the same rule: a viewer hears a request's changes exactly when they may see it.
        Assert.Equal(seesDirectors, ApprovalAccessRule.AudiencesOf(viewer, name).Overlaps(ApprovalAccessRule.Audiences(DirectorRequest)));
        Assert.Equal(seesLegal, ApprovalAccessRule.AudiencesOf(viewer, name).Overlaps(ApprovalAccessRule.Audiences(LegalAndFinanceRequest)));
    }

    [Fact]
    public void A_request_without_region_or_team_needing_a_director_reaches_no_director()
    {
        var unscoped = new ApprovalScope(["sales-director"], null, null, Requester);
        var director = Person("sales-director", Region, Department);

        Assert.False(ApprovalAccessRule.CanSee(director, "east.director", unscoped));
        Assert.False(ApprovalAccessRule.AudiencesOf(director, "east.director").Overlaps(ApprovalAccessRule.Audiences(unscoped)));
        Assert.True(ApprovalAccessRule.CanSee(Person("hq"), "hq", unscoped));
    }

    [Theory]
    [InlineData("sales-director", true)]
    [InlineData("legal", true)]
    [InlineData("finance", true)]
    [InlineData("hq", true)]
    [InlineData("admin", false)]
    [InlineData("sales-rep", false)]
    [InlineData("sales-manager", false)]
    [InlineData("store-manager", false)]
    [InlineData("board", false)]
    public void The_inbox_is_in_the_navigation_of_approvers_and_hq(string role, bool sees) =>
        Assert.Equal(sees, ApprovalAccessRule.SeesInbox(Person(role)));
}
