using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Pool;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The public pool (公海) on the real command center and PostgreSQL: the dormancy release at its 44/45-day edge, who sees
/// which entries, each refused claim with its rule, and the two races: fifty reps on one customer, one rep over the cap.
/// </summary>
public sealed class PoolApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Team = "store-sh001";
    private const string OtherTeam = "dept-b2b";
    private const string DemoRepId = "rep-sh001-01";   // sh001.rep (DemoStaff)

    private static int _phones;
    private static int _reps;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_release_takes_customers_45_calendar_days_without_activity_and_leaves_those_at_44()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var zone = chain.CommandCenter.Services.GetRequiredService<IOptions<ChainCalendarOptions>>().Value.Zone();
        var now = DateTimeOffset.UtcNow;
        var today = ChainCalendar.DateOf(now, zone);
        var day45 = ChainCalendar.StartOf(today.AddDays(-45), zone);
        var day44 = ChainCalendar.StartOf(today.AddDays(-44), zone);
        var longAgo = ChainCalendar.StartOf(today.AddDays(-100), zone);

        var lastMinuteOf45 = await Create(admin, DemoRepId, Team);
        var firstMinuteOf44 = await Create(admin, DemoRepId, Team);
        var calledAt44 = await Create(admin, DemoRepId, Team);
        var onlyANoteSince = await Create(admin, DemoRepId, Team);
        var assignedAt44 = await Create(admin, DemoRepId, Team);
        await Sql("UPDATE customer SET created_at = @at WHERE customer_id = @id", new { at = day44.AddSeconds(-1).UtcDateTime, id = lastMinuteOf45 });
        await Sql("UPDATE customer SET created_at = @at WHERE customer_id = @id", new { at = day44.UtcDateTime, id = firstMinuteOf44 });
        await Sql("UPDATE customer SET created_at = @at WHERE customer_id = ANY(@ids)", new { at = longAgo.UtcDateTime, ids = new[] { calledAt44, onlyANoteSince, assignedAt44 } });
        await Sql("INSERT INTO interaction (customer_id, rep_id, kind, at) VALUES (@id, @rep, 'call', @at)", new { id = calledAt44, rep = DemoRepId, at = day44.UtcDateTime });
        await Sql("INSERT INTO interaction (customer_id, rep_id, kind, at) VALUES (@id, @rep, 'call', @at)", new { id = onlyANoteSince, rep = DemoRepId, at = day45.UtcDateTime });
        await Sql("INSERT INTO interaction (customer_id, rep_id, kind, at) VALUES (@id, @rep, 'note', @at)", new { id = onlyANoteSince, rep = DemoRepId, at = now.AddDays(-10).UtcDateTime });
        await Sql("INSERT INTO lead (customer_id, rep_id, assigned_at, first_contact_at) VALUES (@id, @rep, @at, @at)", new { id = assignedAt44, rep = DemoRepId, at = day44.UtcDateTime });

        var released = await Release(now);
        var again = await Release(now);

        Assert.Contains(lastMinuteOf45, released);
        Assert.Contains(onlyANoteSince, released);
        Assert.DoesNotContain(firstMinuteOf44, released);
        Assert.DoesNotContain(calledAt44, released);
        Assert.DoesNotContain(assignedAt44, released);
        Assert.Empty(again);
        Assert.Equal(1, await chain.Database.Count(
            "SELECT count(*) FROM pool_entry WHERE customer_id = @id AND claimed_at IS NULL AND reason = 'dormant' AND released_from_rep_id = @rep",
            new { id = lastMinuteOf45, rep = DemoRepId }));
    }

    [Fact]
    public async Task The_command_center_releases_dormant_customers_on_its_own_schedule()
    {
        // A second command center on the same database, releasing every second (the fixture's runs once an hour); the
        // customer turns dormant after it started, so a later run than the one at start releases it.
        await using var scheduled = await CommandCenterUnderTest.Start(chain.Database, chain.ClusterId, new Dictionary<string, string?>
        {
            ["Demo:SeedStaff"] = "false",
            ["SalesForce:PoolRelease:Interval"] = "00:00:01",
        });
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var customer = await Create(admin, DemoRepId, Team);
        await Sql("UPDATE customer SET created_at = now() - interval '60 days' WHERE customer_id = @customer", new { customer });

        await Eventually.Holds(
            async () => await chain.Database.Count("SELECT count(*) FROM pool_entry WHERE customer_id = @customer AND claimed_at IS NULL", new { customer }) == 1,
            $"customer {customer} released to the pool by the schedule",
            cancellationToken: Cancellation);
    }

    [Fact]
    public async Task The_pool_shows_a_rep_and_a_manager_their_teams_entries_and_hq_every_entry()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var b2bRep = await NewRep(OtherTeam);
        var ours = await Create(admin, DemoRepId, Team);
        var theirs = await Create(admin, "rep-b2b-00", OtherTeam);
        var ourRepsElsewhere = await Create(admin, DemoRepId, "dept-east-b2b");   // rep-sh001-01 of store-sh001 (master data)
        var repsDepartment = await Create(admin, DemoRepId, "dept-east-retail");  // sh001.rep's team (its department claim)
        await ToPool(ours, theirs, ourRepsElsewhere, repsDepartment);

        var seenBy = new Dictionary<string, string[]>();
        foreach (var login in new[] { DemoLogins.Sh001Rep, DemoLogins.Sh001Manager, b2bRep.Login, DemoLogins.Hq, DemoLogins.EastSupervisor })
        {
            using var client = await chain.CommandCenter.CreateSignedInClient(login);
            var entries = await client.GetFromJsonAsync<JsonElement>("/api/pool", Cancellation);
            seenBy[login] = [.. entries.EnumerateArray().Select(e => e.GetProperty("customerId").GetString()!)];
        }

        Assert.Contains(ours, seenBy[DemoLogins.Sh001Rep]);
        Assert.DoesNotContain(theirs, seenBy[DemoLogins.Sh001Rep]);
        Assert.Contains(ours, seenBy[DemoLogins.Sh001Manager]);
        Assert.DoesNotContain(theirs, seenBy[DemoLogins.Sh001Manager]);
        Assert.Contains(ourRepsElsewhere, seenBy[DemoLogins.Sh001Manager]);
        Assert.DoesNotContain(ourRepsElsewhere, seenBy[DemoLogins.Sh001Rep]);
        Assert.Contains(repsDepartment, seenBy[DemoLogins.Sh001Rep]);
        Assert.Contains(theirs, seenBy[b2bRep.Login]);
        Assert.DoesNotContain(ours, seenBy[b2bRep.Login]);
        Assert.Contains(ours, seenBy[DemoLogins.Hq]);
        Assert.Contains(theirs, seenBy[DemoLogins.Hq]);
        Assert.Empty(seenBy[DemoLogins.EastSupervisor]);
    }

    [Fact]
    public async Task Each_refused_claim_names_its_rule_and_changes_nothing()
    {
        using var measurements = new CustomerRejections(chain.CommandCenter.Services.GetRequiredService<IMeterFactory>());
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var formerOwner = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var teamRep = await SignIn(await NewRep(Team));
        using var otherTeamRep = await SignIn(await NewRep(OtherTeam));
        var inPool = await Create(admin, DemoRepId, Team);
        var owned = await Create(admin, DemoRepId, Team);
        var ownedElsewhere = await Create(admin, "rep-b2b-00", OtherTeam);
        await ToPool(inPool);

        using var notInPool = await teamRep.PostAsync($"/api/pool/{owned}/claim", null, Cancellation);
        using var otherDepartment = await otherTeamRep.PostAsync($"/api/pool/{inPool}/claim", null, Cancellation);
        using var barred = await formerOwner.PostAsync($"/api/pool/{inPool}/claim", null, Cancellation);
        using var notARep = await hq.PostAsync($"/api/pool/{inPool}/claim", null, Cancellation);
        using var unknown = await teamRep.PostAsync("/api/pool/cust-nobody/claim", null, Cancellation);
        using var outOfSight = await teamRep.PostAsync($"/api/pool/{ownedElsewhere}/claim", null, Cancellation);

        await AssertRefused(notInPool, HttpStatusCode.Conflict, "not-in-pool");
        await AssertRefused(otherDepartment, HttpStatusCode.Forbidden, "other-department");
        var bar = await AssertRefused(barred, HttpStatusCode.Conflict, "former-owner-barred");
        Assert.Equal("SalesForce:Pool:FormerOwnerBarredDays", bar.GetProperty("setting").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notARep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outOfSight.StatusCode);
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM pool_entry WHERE customer_id = @inPool AND claimed_at IS NULL", new { inPool }));
        Assert.Equal(2, await chain.Database.Count("SELECT count(*) FROM customer WHERE customer_id IN (@inPool, @owned) AND owner_rep_id = @rep", new { inPool, owned, rep = DemoRepId }));
        foreach (var reason in new[] { "not_in_pool", "other_department", "former_owner_barred", "not_a_rep", "not_found" })
        {
            Assert.Contains(("pool-claim", reason), measurements.Seen);
        }
    }

    [Fact]
    public async Task Fifty_reps_claiming_one_customer_at_once_make_one_owner_and_forty_nine_conflicts()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var customer = await Create(admin, DemoRepId, Team);
        await ToPool(customer);
        var reps = new List<(StaffRep Rep, HttpClient Client)>();
        for (var i = 0; i < 50; i++)
        {
            var rep = await NewRep(Team);
            reps.Add((rep, await SignIn(rep)));
        }

        try
        {
            var answers = await Task.WhenAll(reps.Select(async r =>
            {
                using var response = await r.Client.PostAsync($"/api/pool/{customer}/claim", null, Cancellation);
                return (r.Rep.RepId, response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
            }));

            var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.RepId != winner.RepId), a =>
            {
                Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
                Assert.Equal("not-in-pool", a.Body.GetProperty("rule").GetString());
            });
            Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer WHERE customer_id = @customer AND owner_rep_id = @rep", new { customer, rep = winner.RepId }));
            Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM pool_entry WHERE customer_id = @customer AND claimed_by_rep_id = @rep", new { customer, rep = winner.RepId }));
            Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM pool_entry WHERE customer_id = @customer AND claimed_at IS NULL", new { customer }));
            Assert.Equal(1, await chain.Database.Count("SELECT coalesce(sum(claims), 0) FROM pool_claim_day WHERE rep_id = ANY(@reps)", new { reps = reps.Select(r => r.Rep.RepId).ToArray() }));
        }
        finally
        {
            reps.ForEach(r => r.Client.Dispose());
        }
    }

    [Fact]
    public async Task Eight_concurrent_claims_by_one_rep_against_the_cap_of_five_make_exactly_five()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var customers = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            customers.Add(await Create(admin, DemoRepId, Team));
        }

        await ToPool([.. customers]);
        var rep = await NewRep(Team);
        using var client = await SignIn(rep);

        var answers = await Task.WhenAll(customers.Take(8).Select(async id =>
        {
            using var response = await client.PostAsync($"/api/pool/{id}/claim", null, Cancellation);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation));
        }));
        using var ninth = await client.PostAsync($"/api/pool/{customers[8]}/claim", null, Cancellation);

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Equal("daily-claim-cap", a.Body.GetProperty("rule").GetString());
        });
        var cap = await AssertRefused(ninth, HttpStatusCode.Conflict, "daily-claim-cap");
        Assert.Equal("SalesForce:Pool:DailyClaimCap", cap.GetProperty("setting").GetString());
        Assert.Contains("DailyClaimCap", cap.GetProperty("detail").GetString());
        Assert.Equal(5, await chain.Database.Count("SELECT count(*) FROM customer WHERE customer_id = ANY(@customers) AND owner_rep_id = @rep", new { customers = customers.ToArray(), rep = rep.RepId }));
        Assert.Equal(5, await chain.Database.Count("SELECT claims FROM pool_claim_day WHERE rep_id = @rep", new { rep = rep.RepId }));
        Assert.Equal(4, await chain.Database.Count("SELECT count(*) FROM pool_entry WHERE customer_id = ANY(@customers) AND claimed_at IS NULL", new { customers = customers.ToArray() }));
    }

    [Fact]
    public async Task A_claimed_customer_leaves_the_pool_and_its_new_owner_sees_it_in_full()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var phone = NextPhone();
        var customer = await Create(admin, DemoRepId, Team, phone);
        await ToPool(customer);
        var rep = await NewRep(Team);
        using var client = await SignIn(rep);
        using var hiddenBefore = await client.GetAsync($"/api/customers/{customer}", Cancellation);
        using var formerOwner = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        using var releasedFromOwner = await formerOwner.GetAsync($"/api/customers/{customer}", Cancellation);

        using var claimed = await client.PostAsync($"/api/pool/{customer}/claim", null, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, hiddenBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, releasedFromOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var answer = await claimed.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(rep.RepId, answer.GetProperty("ownerRepId").GetString());
        Assert.Equal(1, answer.GetProperty("claimsToday").GetInt32());
        var pool = await client.GetFromJsonAsync<JsonElement>("/api/pool", Cancellation);
        Assert.DoesNotContain(customer, pool.EnumerateArray().Select(e => e.GetProperty("customerId").GetString()));
        var full = await client.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}", Cancellation);
        Assert.Equal(rep.RepId, full.GetProperty("ownerRepId").GetString());
        Assert.Equal(phone, full.GetProperty("phone").GetString());
        Assert.False(full.GetProperty("contactMasked").GetBoolean());
        // A claim is activity: the customer is not released again at once.
        Assert.DoesNotContain(customer, await Release(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_pool_customer_given_as_a_lead_leaves_the_pool_without_counting_as_a_claim()
    {
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var customer = await Create(admin, DemoRepId, Team);
        await ToPool(customer);
        var rep = await NewRep(Team);
        var inPool = await manager.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}", Cancellation);

        using var lead = await manager.PostAsJsonAsync("/api/leads", new { customerId = customer, repId = rep.RepId }, Cancellation);

        Assert.True(inPool.GetProperty("inPool").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM pool_entry WHERE customer_id = @customer AND claimed_by_rep_id = @rep", new { customer, rep = rep.RepId }));
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM pool_claim_day WHERE rep_id = @rep", new { rep = rep.RepId }));
        using var client = await SignIn(rep);
        var full = await client.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}", Cancellation);
        Assert.False(full.GetProperty("inPool").GetBoolean());
        Assert.False(full.GetProperty("contactMasked").GetBoolean());
    }

    [Theory]
    [InlineData("GET", "/api/pool")]
    [InlineData("POST", "/api/pool/cust-x/claim")]
    public async Task The_pool_api_answers_401_without_a_sign_in(string method, string path)
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_pool_endpoints()
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        var paths = (await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation)).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/pool", "get"), ("/api/pool/{customerId}/claim", "post") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), path);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), path);
        }
    }

    /// <summary>Makes the customers 60 days inactive and runs the release, as the schedule would.</summary>
    private async Task ToPool(params string[] customerIds)
    {
        await Sql("UPDATE customer SET created_at = now() - interval '60 days' WHERE customer_id = ANY(@customerIds)", new { customerIds });
        var released = await Release(DateTimeOffset.UtcNow);
        Assert.All(customerIds, id => Assert.Contains(id, released));
    }

    private Task<IReadOnlyList<string>> Release(DateTimeOffset now) =>
        chain.CommandCenter.Services.GetRequiredService<PoolRelease>().Run(now, Cancellation);

    private async Task Sql(string sql, object parameters)
    {
        await using var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: Cancellation));
    }

    private static async Task<string> Create(HttpClient admin, string ownerRepId, string departmentId, string? phone = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "member", name = $"池客 {Interlocked.Increment(ref _phones)}", phone = phone ?? NextPhone(), ownerRepId, departmentId }, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("customerId").GetString()!;
    }

    /// <summary>A new rep of a team (its own sign-in and rep id, so no claims of other tests count against it).</summary>
    private async Task<StaffRep> NewRep(string team)
    {
        var n = Interlocked.Increment(ref _reps);
        var rep = new StaffRep($"pool.rep{n}", $"rep-pool-{n:D3}");
        var teamClaim = team.StartsWith("store-", StringComparison.Ordinal) ? new Claim(ScopeClaims.Store, team) : new Claim(ScopeClaims.Department, team);
        await chain.CommandCenter.EnsureStaff(rep.Login, ChainRoles.SalesRep, teamClaim, new Claim(ScopeClaims.Rep, rep.RepId));
        return rep;
    }

    private Task<HttpClient> SignIn(StaffRep rep) => chain.CommandCenter.CreateSignedInClient(rep.Login);

    private static async Task<JsonElement> AssertRefused(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {problem}");
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    /// <summary>A mainland mobile number in E.164, different for every call in this process (and from the customer tests').</summary>
    private static string NextPhone() => $"+86137{(Environment.ProcessId % 100 * 1_000_000) + Interlocked.Increment(ref _phones):D8}";

    private sealed record StaffRep(string Login, string RepId);
}
