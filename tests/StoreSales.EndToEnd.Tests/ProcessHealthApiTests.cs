using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Rep and team process health through the command center on the demo chain: the counts and verdicts a manager reads for
/// a past week, the default (current) week, refused weeks, and who may see whose figures.
/// </summary>
public sealed class ProcessHealthApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string DemoRep = "rep-sh001-01";       // sh001.rep, store-sh001, dept-east-retail, region-east
    private const string Colleague = "rep-sh001-02";
    private const string SouthRep = "rep-gz001-01";      // store-gz001, dept-south-retail, region-south
    private const string EastSales = "health.east.sales"; // sales manager of dept-east-retail
    private const string B2bSales = "health.b2b.sales";   // sales manager of dept-b2b

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_past_weeks_counts_come_with_the_domains_verdicts()
    {
        await Sql("INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES ('rep-health-1', 'Health One', 'store-sh001', 'dept-east-retail', 'junior') ON CONFLICT DO NOTHING");
        var zone = chain.CommandCenter.Services.GetRequiredService<IOptions<ChainCalendarOptions>>().Value.Zone();
        var monday = ChainCalendar.WeekStart(ChainCalendar.DateOf(DateTimeOffset.UtcNow, zone)).AddDays(-7);
        var tuesday = ChainCalendar.StartOf(monday.AddDays(1), zone).AddHours(10);
        await Sql(
            """
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, phone, owner_rep_id, department_id, service_from, created_at, updated_at)
            VALUES ('c-health-1', 'member', 'Health 1', 'HEALTH 1', '+8613800000001', 'rep-health-1', 'dept-east-retail', '2026-01-01', '2026-01-01', '2026-01-01'),
                   ('c-health-2', 'member', 'Health 2', 'HEALTH 2', NULL, 'rep-health-1', 'dept-east-retail', '2026-01-01', '2026-01-01', '2026-01-01');
            INSERT INTO lead (customer_id, rep_id, assigned_at, first_contact_at) VALUES
                ('c-health-1', 'rep-health-1', @tuesday, @tuesday + interval '23 hours 59 minutes'),
                ('c-health-2', 'rep-health-1', @tuesday, @tuesday + interval '24 hours');
            INSERT INTO interaction (customer_id, rep_id, kind, at, next_action, next_action_due, next_action_done_at) VALUES
                ('c-health-1', 'rep-health-1', 'call', @tuesday, 'send samples', @wednesday::date, @tuesday + interval '1 hour');
            """,
            new { tuesday = tuesday.UtcDateTime, wednesday = monday.AddDays(2).ToDateTime(TimeOnly.MinValue) });
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var week = ChainWeek.NameOf(monday);

        var rep = await manager.GetFromJsonAsync<JsonElement>($"/api/reps/rep-health-1/health?week={week}", Cancellation);
        var team = await manager.GetFromJsonAsync<JsonElement>($"/api/teams/store-sh001/health?week={week}", Cancellation);
        var current = await manager.GetFromJsonAsync<JsonElement>("/api/reps/rep-health-1/health", Cancellation);

        Assert.Equal(week, rep.GetProperty("week").GetString());
        Assert.True(rep.GetProperty("weekEnded").GetBoolean());
        AssertMetric(rep, "LeadResponse", done: 1, due: 2, "Missed");        // 1 of 2 answered within 24 h: 50 % < 85 %
        AssertMetric(rep, "FollowUpClosure", done: 1, due: 1, "Met");
        AssertMetric(rep, "ProfileCompleteness", done: 1, due: 2, "Missed"); // one member has no phone
        Assert.Contains(team.GetProperty("reps").EnumerateArray(), r => r.GetProperty("repId").GetString() == "rep-health-1");
        Assert.True(Metric(team, "LeadResponse").GetProperty("due").GetInt32() >= 2, team.ToString());
        Assert.Equal(ChainWeek.NameOf(monday.AddDays(7)), current.GetProperty("week").GetString());
        Assert.False(current.GetProperty("weekEnded").GetBoolean());
        AssertMetric(current, "LeadResponse", done: 0, due: 0, "NoData");
    }

    [Theory]
    [InlineData("2026-W54")]
    [InlineData("2026-49")]
    [InlineData("next week")]
    public async Task A_week_that_is_no_iso_week_is_refused_naming_the_field(string week)
    {
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);

        using var rep = await hq.GetAsync($"/api/reps/{DemoRep}/health?week={Uri.EscapeDataString(week)}", Cancellation);
        using var team = await hq.GetAsync($"/api/teams/dept-east-retail/health?week={Uri.EscapeDataString(week)}", Cancellation);

        foreach (var response in new[] { rep, team })
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty("week", out _), problem.ToString());
        }
    }

    public static TheoryData<string, string, HttpStatusCode> RepMatrix => new()
    {
        { DemoLogins.Sh001Rep, DemoRep, HttpStatusCode.OK },              // themself
        { DemoLogins.Sh001Rep, Colleague, HttpStatusCode.NotFound },      // a colleague's figures are the manager's
        { DemoLogins.Sh001Manager, Colleague, HttpStatusCode.OK },        // the store's manager
        { DemoLogins.Sh001Manager, SouthRep, HttpStatusCode.NotFound },
        { EastSales, DemoRep, HttpStatusCode.OK },                        // a sales manager of the rep's department
        { EastSales, SouthRep, HttpStatusCode.NotFound },
        { B2bSales, DemoRep, HttpStatusCode.NotFound },
        { DemoLogins.EastManager, DemoRep, HttpStatusCode.OK },           // the region's manager and supervisor
        { DemoLogins.EastSupervisor, DemoRep, HttpStatusCode.OK },
        { DemoLogins.EastSupervisor, SouthRep, HttpStatusCode.NotFound },
        { DemoLogins.Hq, SouthRep, HttpStatusCode.OK },
        { DemoLogins.Admin, SouthRep, HttpStatusCode.OK },
        { DemoLogins.Hq, "rep-nobody", HttpStatusCode.NotFound },         // unknown: answered as out of scope
    };

    [Theory]
    [MemberData(nameof(RepMatrix))]
    public async Task A_reps_health_is_seen_by_the_rep_and_the_people_who_lead_them_only(string login, string repId, HttpStatusCode expected)
    {
        using var client = await SignIn(login);

        using var response = await client.GetAsync($"/api/reps/{repId}/health", Cancellation);

        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string, string, HttpStatusCode> TeamMatrix => new()
    {
        { EastSales, "dept-east-retail", HttpStatusCode.OK },
        { EastSales, "dept-south-retail", HttpStatusCode.NotFound },
        { DemoLogins.EastManager, "dept-east-retail", HttpStatusCode.OK },   // every rep of the team works in the east
        { DemoLogins.EastSupervisor, "dept-south-retail", HttpStatusCode.NotFound },
        { DemoLogins.Sh001Manager, "store-sh001", HttpStatusCode.OK },       // the store's own team
        { DemoLogins.Sh001Manager, "dept-east-retail", HttpStatusCode.NotFound },
        { DemoLogins.Sh001Rep, "store-sh001", HttpStatusCode.NotFound },
        { DemoLogins.Hq, "dept-south-retail", HttpStatusCode.OK },
        { DemoLogins.Admin, "dept-east-retail", HttpStatusCode.OK },
        { DemoLogins.Hq, "dept-nobody", HttpStatusCode.NotFound },           // a team without reps
    };

    [Theory]
    [MemberData(nameof(TeamMatrix))]
    public async Task A_teams_health_is_seen_by_the_people_who_lead_the_team_only(string login, string departmentId, HttpStatusCode expected)
    {
        using var client = await SignIn(login);

        using var response = await client.GetAsync($"/api/teams/{departmentId}/health", Cancellation);

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<HttpClient> SignIn(string login)
    {
        await chain.CommandCenter.EnsureStaff(EastSales, ChainRoles.SalesManager, new Claim(ScopeClaims.Department, "dept-east-retail"));
        await chain.CommandCenter.EnsureStaff(B2bSales, ChainRoles.SalesManager, new Claim(ScopeClaims.Department, "dept-b2b"));
        return await chain.CommandCenter.CreateSignedInClient(login);
    }

    private static JsonElement Metric(JsonElement answer, string metric) =>
        answer.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric);

    private static void AssertMetric(JsonElement answer, string metric, int done, int due, string verdict)
    {
        var result = Metric(answer, metric);
        Assert.True(
            result.GetProperty("done").GetInt32() == done && result.GetProperty("due").GetInt32() == due && result.GetProperty("verdict").GetString() == verdict,
            $"{metric}: {done}/{due} {verdict} expected, got {result}");
    }

    private async Task Sql(string sql, object? parameters = null)
    {
        await using var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: Cancellation));
    }
}
