using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Access;
using StoreSales.Abstractions.Reps;
using StoreSales.Data.HandOvers;
using StoreSales.Data.Pool;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Offboarding on the real command center, silo and PostgreSQL: a departure opens a hand-over per customer with its
/// stage and last notes, successors are checked against the team, completion moves the customer and, with the last
/// one, makes the rep gone; who may do and see what (200/403/404); each bad input and refusal names its field or rule.
/// Each test departs reps of its own (a rep departs once), all in store-sh001 (region-east, dept-east-retail).
/// </summary>
public sealed class HandOverApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string Store = "store-sh001";
    private const string Department = "dept-east-retail";
    private const string DepartmentManager = "east.retail.sales";
    private const string OtherDepartmentManager = "b2b.sales.handover";
    private const string OtherStoreManager = "sh002.manager.handover";
    private const string SouthSupervisor = "south.supervisor.handover";

    private static int _reps;
    private static int _phones;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_departure_opens_a_hand_over_per_owned_customer_with_its_stage_and_last_notes_due_in_72_hours()
    {
        using var admin = await SignIn(DemoLogins.Admin);
        var departing = await NewRep();
        var withNotes = await Customer(admin, departing);
        var withLead = await Customer(admin, departing);
        var inPool = await Customer(admin, departing);
        await Notes(withNotes, departing, "first visit", "asked for a quote", "", "sent the quote", "follow up on price");
        await Sql("INSERT INTO lead (customer_id, rep_id, assigned_at) VALUES (@withLead, @departing, now())", new { withLead, departing = departing.RepId });
        await Sql("UPDATE customer SET created_at = now() - interval '60 days' WHERE customer_id = @inPool", new { inPool });
        Assert.Contains(inPool, await chain.CommandCenter.Services.GetRequiredService<PoolRelease>().Run(DateTimeOffset.UtcNow, Cancellation));

        using var manager = await SignIn(DemoLogins.Sh001Manager);
        var before = DateTimeOffset.UtcNow;
        var started = await Depart(manager, departing, HttpStatusCode.Created);
        var handOvers = await List(manager, $"?repId={departing.RepId}");

        Assert.Equal(2, started.GetProperty("handOvers").GetInt32());
        Assert.True(started.GetProperty("watching").GetBoolean());
        var due = started.GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(72), due - started.GetProperty("startedAt").GetDateTimeOffset());
        Assert.InRange(started.GetProperty("startedAt").GetDateTimeOffset(), before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(new[] { withLead, withNotes }.Order(StringComparer.Ordinal), handOvers.Select(h => h.GetProperty("customerId").GetString()).Order(StringComparer.Ordinal));
        var noted = handOvers.Single(h => h.GetProperty("customerId").GetString() == withNotes);
        Assert.Equal(["follow up on price", "sent the quote", "asked for a quote"], noted.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("note").GetString()));
        Assert.Equal(4, noted.GetProperty("notesAvailable").GetInt32());
        Assert.Equal("Active", noted.GetProperty("stageSnapshot").GetString());
        Assert.Equal("Open", noted.GetProperty("status").GetString());
        Assert.Equal(["stage-missing", "notes-missing", "too-few-successors"], noted.GetProperty("gaps").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("OpenLead", handOvers.Single(h => h.GetProperty("customerId").GetString() == withLead).GetProperty("stageSnapshot").GetString());
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM rep_departure WHERE rep_id = @departing AND completed_at IS NULL", new { departing = departing.RepId }));
    }

    [Fact]
    public async Task Completing_every_hand_over_moves_each_customer_to_its_first_successor_and_makes_the_rep_gone()
    {
        using var admin = await SignIn(DemoLogins.Admin);
        using var manager = await SignIn(DemoLogins.Sh001Manager);
        var departing = await NewRep();
        var successor = await NewRep();
        var coSuccessor = await NewRep();
        var first = await Customer(admin, departing);
        var second = await Customer(admin, departing);
        await Notes(first, departing, "likes green tea");
        // Created long ago: without the hand-over restarting its dormancy count it would go to the pool at once.
        await Sql("UPDATE customer SET created_at = now() - interval '100 days' WHERE customer_id = ANY(@ids)", new { ids = new[] { first, second } });
        await Depart(manager, departing, HttpStatusCode.Created);
        var ids = (await List(manager, $"?repId={departing.RepId}")).ToDictionary(h => h.GetProperty("customerId").GetString()!, h => h.GetProperty("handOverId").GetInt64());

        using var named = await manager.PutAsJsonAsync($"/api/handovers/{ids[first]}", new { successors = new[] { successor.RepId, coSuccessor.RepId }, stage = "Active", notesConfirmed = true }, Cancellation);
        using var completed = await manager.PostAsync($"/api/handovers/{ids[first]}/complete", null, Cancellation);
        var stillDeparting = await chain.Database.Count("SELECT count(*) FROM rep WHERE rep_id = @departing AND active", new { departing = departing.RepId });
        using var again = await manager.PostAsync($"/api/handovers/{ids[first]}/complete", null, Cancellation);
        using var secondNamed = await manager.PutAsJsonAsync($"/api/handovers/{ids[second]}", new { successors = new[] { coSuccessor.RepId }, stage = "Active", notesConfirmed = true }, Cancellation);
        using var last = await manager.PostAsync($"/api/handovers/{ids[second]}/complete", null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var done = await Ok(completed);
        Assert.Equal("HandedOver", done.GetProperty("status").GetString());
        Assert.False(done.GetProperty("repGone").GetBoolean());
        Assert.Equal(1, stillDeparting);
        await AssertRefused(again, HttpStatusCode.Conflict, "hand-over-completed");
        Assert.Equal(HttpStatusCode.OK, secondNamed.StatusCode);
        Assert.True((await Ok(last)).GetProperty("repGone").GetBoolean());
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer WHERE customer_id = @first AND owner_rep_id = @owner", new { first, owner = successor.RepId }));
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer WHERE customer_id = @second AND owner_rep_id = @owner", new { second, owner = coSuccessor.RepId }));
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM rep WHERE rep_id = @departing AND NOT active AND departed_at IS NOT NULL", new { departing = departing.RepId }));
        var released = await chain.CommandCenter.Services.GetRequiredService<PoolRelease>().Run(DateTimeOffset.UtcNow, Cancellation);
        Assert.DoesNotContain(first, released);
        Assert.DoesNotContain(second, released);

        // The successor owns it now and sees it in full; the co-successor sees the hand-over naming them.
        using var successorClient = await SignIn(successor.Login);
        var customer = await successorClient.GetFromJsonAsync<JsonElement>($"/api/customers/{first}", Cancellation);
        Assert.False(customer.GetProperty("contactMasked").GetBoolean());
        using var coClient = await SignIn(coSuccessor.Login);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), (await List(coClient, "")).Select(h => h.GetProperty("customerId").GetString()).Order(StringComparer.Ordinal));

        using var later = await manager.PostAsJsonAsync($"/api/reps/{departing.RepId}/departure", new { reason = "again" }, Cancellation);
        await AssertRefused(later, HttpStatusCode.Conflict, "already-gone");
    }

    [Fact]
    public async Task A_departure_is_started_by_the_reps_store_manager_department_sales_manager_or_an_administrator()
    {
        await Staff();
        var cases = new (string Login, HttpStatusCode Status)[]
        {
            (DemoLogins.Admin, HttpStatusCode.Created),
            (DemoLogins.Sh001Manager, HttpStatusCode.Created),
            (DepartmentManager, HttpStatusCode.Created),
            (DemoLogins.EastSupervisor, HttpStatusCode.Forbidden),
            (DemoLogins.EastManager, HttpStatusCode.Forbidden),
            (DemoLogins.Hq, HttpStatusCode.Forbidden),
            (DemoLogins.Sh001Rep, HttpStatusCode.NotFound),
            (OtherStoreManager, HttpStatusCode.NotFound),
            (OtherDepartmentManager, HttpStatusCode.NotFound),
            (SouthSupervisor, HttpStatusCode.NotFound),
        };
        foreach (var (login, status) in cases)
        {
            var rep = await NewRep();
            using var client = await SignIn(login);
            using var response = await client.PostAsJsonAsync($"/api/reps/{rep.RepId}/departure", new { reason = "moving away", lastWorkingDay = "2026-12-31" }, Cancellation);

            Assert.True(status == response.StatusCode, $"{login}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
            Assert.Equal(status == HttpStatusCode.Created ? 1 : 0, await chain.Database.Count("SELECT count(*) FROM rep_departure WHERE rep_id = @rep", new { rep = rep.RepId }));
        }

        using var admin = await SignIn(DemoLogins.Admin);
        using var unknown = await admin.PostAsJsonAsync("/api/reps/rep-nobody/departure", new { reason = "x" }, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_hand_overs_are_seen_by_the_team_the_region_and_the_successor_and_worked_by_the_team_managers_only()
    {
        await Staff();
        using var admin = await SignIn(DemoLogins.Admin);
        var departing = await NewRep();
        var successor = await NewRep();
        var bystander = await NewRep();
        var customer = await Customer(admin, departing);
        await Depart(admin, departing, HttpStatusCode.Created);
        var id = (await List(admin, $"?repId={departing.RepId}")).Single().GetProperty("handOverId").GetInt64();
        using var named = await admin.PutAsJsonAsync($"/api/handovers/{id}", new { successors = new[] { successor.RepId } }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);

        var cases = new (string Login, bool Sees, HttpStatusCode Works)[]
        {
            (DemoLogins.Admin, true, HttpStatusCode.OK),
            (DemoLogins.Sh001Manager, true, HttpStatusCode.OK),
            (DepartmentManager, true, HttpStatusCode.OK),
            (DemoLogins.Hq, true, HttpStatusCode.Forbidden),
            (DemoLogins.EastSupervisor, true, HttpStatusCode.Forbidden),
            (DemoLogins.EastManager, true, HttpStatusCode.Forbidden),
            (successor.Login, true, HttpStatusCode.Forbidden),
            (bystander.Login, false, HttpStatusCode.NotFound),
            (DemoLogins.Sh001Rep, false, HttpStatusCode.NotFound),
            (OtherStoreManager, false, HttpStatusCode.NotFound),
            (OtherDepartmentManager, false, HttpStatusCode.NotFound),
            (SouthSupervisor, false, HttpStatusCode.NotFound),
        };
        foreach (var (login, sees, works) in cases)
        {
            using var client = await SignIn(login);
            var listed = (await List(client, "")).Any(h => h.GetProperty("handOverId").GetInt64() == id);
            using var one = await client.GetAsync($"/api/handovers/{id}", Cancellation);
            using var put = await client.PutAsJsonAsync($"/api/handovers/{id}", new { stage = "Active" }, Cancellation);

            Assert.True(sees == listed, $"{login} lists it: {listed}");
            Assert.True((sees ? HttpStatusCode.OK : HttpStatusCode.NotFound) == one.StatusCode, $"{login} reads it: {one.StatusCode}");
            Assert.True(works == put.StatusCode, $"{login} works it: {put.StatusCode}");
        }

        using var outsider = await SignIn(OtherStoreManager);
        using var complete = await outsider.PostAsync($"/api/handovers/{id}/complete", null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer WHERE customer_id = @customer AND owner_rep_id = @departing", new { customer, departing = departing.RepId }));
    }

    [Fact]
    public async Task Bad_successors_and_a_second_departure_are_refused_naming_the_field_or_rule_and_change_nothing()
    {
        using var measurements = new CustomerRejections(chain.CommandCenter.Services.GetRequiredService<IMeterFactory>());
        using var admin = await SignIn(DemoLogins.Admin);
        using var manager = await SignIn(DemoLogins.Sh001Manager);
        var departing = await NewRep();
        var team = new[] { await NewRep(), await NewRep(), await NewRep(), await NewRep() };
        var otherStoreRep = await NewRep("store-gz001");
        await Customer(admin, departing);
        await Depart(manager, departing, HttpStatusCode.Created);
        var id = (await List(manager, $"?repId={departing.RepId}")).Single().GetProperty("handOverId").GetInt64();

        var bad = new (object Body, string Field, string Says)[]
        {
            (new { successors = new[] { "rep-nobody" } }, "successors", "successor-not-in-team"),
            (new { successors = new[] { otherStoreRep.RepId } }, "successors", "successor-not-in-team"),
            (new { successors = new[] { departing.RepId } }, "successors", "departing-rep-as-successor"),
            (new { successors = team.Select(r => r.RepId).ToArray() }, "successors", "too-many-successors"),
            (new { successors = new[] { team[0].RepId, team[0].RepId } }, "successors", "duplicate-successor"),
            (new { successors = Array.Empty<string>() }, "successors", "too-few-successors"),
            (new { stage = "Sleeping" }, "stage", "OpenLead"),
        };
        foreach (var (body, field, says) in bad)
        {
            using var response = await manager.PutAsJsonAsync($"/api/handovers/{id}", body, Cancellation);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
            Assert.Contains(says, string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString())));
        }

        using var gaps = await manager.PostAsync($"/api/handovers/{id}/complete", null, Cancellation);
        var gapProblem = await AssertRefused(gaps, HttpStatusCode.Conflict, "hand-over-gaps");
        Assert.Equal(["stage-missing", "too-few-successors"], gapProblem.GetProperty("gaps").EnumerateArray().Select(g => g.GetString()));
        using var twice = await manager.PostAsJsonAsync($"/api/reps/{departing.RepId}/departure", new { reason = "again" }, Cancellation);
        await AssertRefused(twice, HttpStatusCode.Conflict, "already-departing");
        using var noReason = await manager.PostAsJsonAsync($"/api/reps/{team[0].RepId}/departure", new { reason = " " }, Cancellation);
        var reasonProblem = await noReason.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True(reasonProblem.GetProperty("errors").TryGetProperty("reason", out _));
        using var badStatus = await manager.GetAsync("/api/handovers?status=Late", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);

        var stored = (await List(manager, $"?repId={departing.RepId}")).Single();
        Assert.Empty(stored.GetProperty("successors").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("stage").ValueKind);
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM rep_departure WHERE rep_id = @rep", new { rep = departing.RepId }));
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM rep_departure WHERE rep_id = @rep", new { rep = team[0].RepId }));
        foreach (var counted in new[] { ("hand-over-update", "invalid_successors"), ("hand-over-update", "invalid_stage"), ("hand-over-complete", "hand_over_gaps"), ("departure", "already_departing"), ("departure", "invalid_reason") })
        {
            Assert.Contains(counted, measurements.Seen);
        }
    }

    [Fact]
    public async Task A_command_center_starting_resumes_the_overdue_watch_of_every_departure_under_way()
    {
        using var admin = await SignIn(DemoLogins.Admin);
        var departing = await NewRep();
        await Customer(admin, departing);
        // Started without its watch, as when the cluster could not be reached right after the commit.
        Assert.IsType<DepartureStarted>(await chain.CommandCenter.Services.GetRequiredService<RepDepartures>().Start(departing.RepId, "leaving", null, "test", Cancellation));
        var grain = chain.Silo.Grains().GetGrain<IDepartureGrain>(departing.RepId);
        var before = await grain.GetLastCheck();

        await using var restarted = await CommandCenterUnderTest.Start(chain.Database, chain.ClusterId, new Dictionary<string, string?> { ["Demo:SeedStaff"] = "false" });
        var after = await Eventually.Until(grain.GetLastCheck, c => c.Watching, TimeSpan.FromSeconds(30));

        Assert.Equal((0, false), (before.Checks, before.Watching));
        Assert.Equal((1, 0), (after.Open, after.Overdue));
    }

    [Fact]
    public async Task Two_managers_starting_the_same_departure_at_once_make_one_departure()
    {
        using var admin = await SignIn(DemoLogins.Admin);
        using var manager = await SignIn(DemoLogins.Sh001Manager);
        var departing = await NewRep();
        await Customer(admin, departing);

        var answers = await Task.WhenAll(new[] { admin, manager, admin, manager }.Select(async c =>
        {
            using var response = await c.PostAsJsonAsync($"/api/reps/{departing.RepId}/departure", new { reason = "leaving" }, Cancellation);
            return response.StatusCode;
        }));

        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer_handover WHERE departing_rep_id = @rep", new { rep = departing.RepId }));
    }

    [Theory]
    [InlineData("POST", "/api/reps/rep-sh001-01/departure")]
    [InlineData("GET", "/api/handovers")]
    [InlineData("PUT", "/api/handovers/1")]
    [InlineData("POST", "/api/handovers/1/complete")]
    public async Task The_hand_over_api_answers_401_without_a_sign_in(string method, string path)
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_hand_over_endpoints()
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        var paths = (await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation)).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/reps/{repId}/departure", "post"), ("/api/handovers", "get"), ("/api/handovers/{handOverId}", "put"), ("/api/handovers/{handOverId}/complete", "post") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), path);
        }
    }

    /// <summary>A new rep in master data (store-sh001, dept-east-retail unless told) with a sign-in of their own.</summary>
    private async Task<StaffRep> NewRep(string store = Store)
    {
        var n = Interlocked.Increment(ref _reps);
        var rep = new StaffRep($"handover.rep{n}", $"rep-handover-{n:D3}");
        await Sql("INSERT INTO rep (rep_id, name, store_id, department_id, level) VALUES (@id, @name, @store, @department, 'junior')",
            new { id = rep.RepId, name = $"交接 {n}", store, department = store == Store ? Department : "dept-south-retail" });
        await chain.CommandCenter.EnsureStaff(rep.Login, ChainRoles.SalesRep, new Claim(ScopeClaims.Store, store), new Claim(ScopeClaims.Rep, rep.RepId));
        return rep;
    }

    private async Task Staff()
    {
        await chain.CommandCenter.EnsureStaff(DepartmentManager, ChainRoles.SalesManager, new Claim(ScopeClaims.Department, Department));
        await chain.CommandCenter.EnsureStaff(OtherDepartmentManager, ChainRoles.SalesManager, new Claim(ScopeClaims.Department, "dept-b2b"));
        await chain.CommandCenter.EnsureStaff(OtherStoreManager, ChainRoles.StoreManager, new Claim(ScopeClaims.Store, "store-sh002"));
        await chain.CommandCenter.EnsureStaff(SouthSupervisor, ChainRoles.FieldSupervisor, new Claim(ScopeClaims.Region, "region-south"));
    }

    private Task<HttpClient> SignIn(string login) => chain.CommandCenter.CreateSignedInClient(login);

    private static async Task<JsonElement> Depart(HttpClient client, StaffRep rep, HttpStatusCode expected) => await Depart(client, rep.RepId, expected);

    private static async Task<JsonElement> Depart(HttpClient client, string repId, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync($"/api/reps/{repId}/departure", new { reason = "moving to another city", lastWorkingDay = "2026-12-31" }, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(expected == response.StatusCode, body.ToString());
        return body;
    }

    private static async Task<List<JsonElement>> List(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/handovers{query}", Cancellation)).EnumerateArray()];

    private static async Task<string> Customer(HttpClient admin, StaffRep owner) => await Customer(admin, owner.RepId);

    private static async Task<string> Customer(HttpClient admin, string ownerRepId)
    {
        var phone = $"+86136{(Environment.ProcessId % 100 * 1_000_000) + Interlocked.Increment(ref _phones):D8}";
        using var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "member", name = $"交接客 {phone}", phone, ownerRepId, departmentId = Store }, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("customerId").GetString()!;
    }

    /// <summary>Interactions with these notes, oldest first, an hour apart (an empty note is an interaction without one).</summary>
    private async Task Notes(string customerId, StaffRep rep, params string[] notes)
    {
        for (var i = 0; i < notes.Length; i++)
        {
            await Sql("INSERT INTO interaction (customer_id, rep_id, kind, at, note) VALUES (@customerId, @rep, 'call', now() - make_interval(hours => @ago), NULLIF(@note, ''))",
                new { customerId, rep = rep.RepId, ago = notes.Length - i, note = notes[i] });
        }
    }

    private async Task Sql(string sql, object parameters)
    {
        await using var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: Cancellation));
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static async Task<JsonElement> AssertRefused(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {problem}");
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    private sealed record StaffRep(string Login, string RepId);
}
