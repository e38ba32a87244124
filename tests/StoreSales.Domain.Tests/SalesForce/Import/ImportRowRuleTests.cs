using System.Collections.Immutable;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Domain.SalesForce.Customers.Import;

namespace StoreSales.Domain.Tests.SalesForce.Import;

/// <summary>One CSV row judged as a create by the importer would be: each rejection names its column and reason.</summary>
public sealed class ImportRowRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static readonly ImportMasterData Master = new(
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ImportRep>
        {
            ["rep-sh001-01"] = new("store-sh001", "dept-east-retail", true),
            ["rep-sh001-09"] = new("store-sh001", "dept-east-retail", false),
            ["rep-gz001-01"] = new("store-gz001", "dept-south-retail", true),
        }),
        ["dept-east-retail", "dept-south-retail", "store-sh001", "store-gz001"]);

    private static readonly ViewerScope Sh001Manager = ViewerScope.Of([ChainRoles.StoreManager], [], ["store-sh001"]);

    private static ImportRow Row(
        string? rowKey = "crm#1", string? kind = "member", string? name = "王芳", string? phone = "138 0013 8000", string? creditCode = null,
        string? owner = "rep-sh001-01", string? department = "store-sh001", string? from = null, string? to = null, string? problem = null) =>
        new(1, rowKey, kind, name, phone, creditCode, null, owner, department, from, to, problem);

    [Fact]
    public void A_good_row_becomes_the_customer_the_api_would_create()
    {
        var (candidate, rejection) = ImportRowRule.Check(Row(from: "2026-01-01", to: "2026-12-31"), Sh001Manager, Today, new CustomerIdentityOptions(), Master);

        Assert.Null(rejection);
        Assert.NotNull(candidate);
        Assert.Equal("+8613800138000", candidate.Phone);
        Assert.Equal(CustomerKind.Member, candidate.Kind);
        Assert.Equal(new DateOnly(2026, 1, 1), candidate.ServiceFrom);
        Assert.Equal(new DateOnly(2026, 12, 31), candidate.ServiceTo);
        Assert.Equal(["phone:+8613800138000"], candidate.Keys.Select(k => k.Text));
    }

    [Fact]
    public void The_service_period_starts_today_when_the_row_leaves_it_empty() =>
        Assert.Equal(Today, ImportRowRule.Check(Row(), Sh001Manager, Today, new CustomerIdentityOptions(), Master).Candidate!.ServiceFrom);

    public static TheoryData<string, ImportRow, string, string> Rejections() => new()
    {
        { "no row key", Row(rowKey: " "), ImportColumns.RowKey, ImportRejection.Required },
        { "a row key too long", Row(rowKey: new string('k', 201)), ImportColumns.RowKey, ImportRejection.TooLong },
        { "no kind", Row(kind: null), ImportColumns.Kind, ImportRejection.Required },
        { "an unknown kind", Row(kind: "vip"), ImportColumns.Kind, ImportRejection.Invalid },
        { "no name", Row(name: "  "), ImportColumns.Name, ImportRejection.Required },
        { "an invalid phone", Row(phone: "12345"), ImportColumns.Phone, ImportRejection.Invalid },
        { "a mistyped credit code", Row(kind: "account", name: "厦门某某贸易有限公司", creditCode: "91350100M000100Y4X"), ImportColumns.CreditCode, ImportRejection.Invalid },
        { "no owner", Row(owner: null), ImportColumns.OwnerRepId, ImportRejection.Required },
        { "an unknown rep", Row(owner: "rep-nobody"), ImportColumns.OwnerRepId, ImportRejection.UnknownRep },
        { "a rep who has left", Row(owner: "rep-sh001-09"), ImportColumns.OwnerRepId, ImportRejection.RepGone },
        { "no department", Row(department: null), ImportColumns.DepartmentId, ImportRejection.Required },
        { "an unknown department", Row(department: "dept-nowhere"), ImportColumns.DepartmentId, ImportRejection.UnknownDepartment },
        { "a rep outside the importer's teams", Row(owner: "rep-gz001-01", department: "dept-south-retail"), ImportColumns.OwnerRepId, ImportRejection.NotAllowed },
        { "a start that is no date", Row(from: "05/12/2026"), ImportColumns.ServiceFrom, ImportRejection.BadDate },
        { "an end that is no date", Row(to: "2026-13-01"), ImportColumns.ServiceTo, ImportRejection.BadDate },
        { "an end before the start", Row(from: "2026-06-01", to: "2026-05-31"), ImportColumns.ServiceTo, ImportRejection.BadDate },
        { "a line of the wrong shape", Row(problem: "The line has 3 fields; the header has 10."), ImportColumns.Row, ImportRejection.BadShape },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Each_problem_rejects_the_row_naming_its_column(string what, ImportRow row, string field, string reason)
    {
        var (candidate, rejection) = ImportRowRule.Check(row, Sh001Manager, Today, new CustomerIdentityOptions(), Master);

        Assert.Null(candidate);
        Assert.NotNull(rejection);
        Assert.True(field == rejection.Field && reason == rejection.Reason, $"{what}: expected {field}/{reason}, got {rejection.Field}/{rejection.Reason} ({rejection.Message})");
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
    }

    [Fact]
    public void An_administrator_imports_for_any_team_and_a_rep_row_may_leave_its_owner_to_the_importer()
    {
        var admin = ViewerScope.Of([ChainRoles.Admin], [], []);
        Assert.NotNull(ImportRowRule.Check(Row(owner: "rep-gz001-01", department: "dept-south-retail"), admin, Today, new CustomerIdentityOptions(), Master).Candidate);

        var managerWhoSells = Sh001Manager with { RepId = "rep-sh001-01" };
        Assert.Equal("rep-sh001-01", ImportRowRule.Check(Row(owner: null), managerWhoSells, Today, new CustomerIdentityOptions(), Master).Candidate!.OwnerRepId);
    }

    [Theory]
    [InlineData(new[] { "row_key", "kind", "name", "owner_rep_id", "department_id" }, 0)]
    [InlineData(new[] { "department_id", "name", "row_key", "owner_rep_id", "kind", "phone", "service_to" }, 0)]
    [InlineData(new[] { "row_key", "kind", "name", "owner_rep_id" }, 1)]                          // department_id missing
    [InlineData(new[] { "row_key", "kind", "name", "owner_rep_id", "department_id", "email" }, 1)] // unknown column: never ignored
    [InlineData(new[] { "row_key", "kind", "name", "name", "owner_rep_id", "department_id" }, 1)] // twice
    public void A_header_needs_the_required_columns_and_nothing_unknown(string[] header, int problems) =>
        Assert.Equal(problems, ImportColumns.CheckHeader(header).Length);
}
