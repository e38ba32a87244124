using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Access;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Opportunities on the real command center, silo and PostgreSQL: the stage gates through the API with evidence, a
/// renamed executable refused, the contract entry above 500,000 waiting for the director and moving on approval, and
/// scope: another team's rep sees neither the opportunity nor its evidence file (404, as for what does not exist).
/// </summary>
public sealed class OpportunityApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string DemoRepId = "rep-sh001-01";   // sh001.rep (DemoStaff)
    private const string Team = "dept-east-retail";
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"u8];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];
    private static int _serial;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rep_moves_an_opportunity_through_its_gates_with_evidence_and_refusals_name_their_rule()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var id = await Open(rep, 120_000m);

        await Moved(rep, id, "needs-confirmed");
        var missing = await Refused(await Move(rep, id, "proposal"), HttpStatusCode.Conflict, "evidence-missing");
        Assert.Equal(["needs-confirmation-sheet"], missing.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        await Refused(await Move(rep, id, "quote"), HttpStatusCode.Conflict, "one-stage-at-a-time");

        await Refused(await Upload(rep, id, "needs-confirmation-sheet", "sheet.pdf", Exe), HttpStatusCode.BadRequest, "file-type-not-allowed");
        using var stored = await Upload(rep, id, "needs-confirmation-sheet", "需求确认单.pdf", Pdf);
        var evidence = await Body(stored, HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), evidence.GetProperty("sha256").GetString());

        var moved = await Moved(rep, id, "proposal");
        Assert.Equal("proposal", moved.GetProperty("opportunity").GetProperty("stage").GetString());
        await Moved(rep, id, "lead");

        using var read = await rep.GetAsync($"/api/opportunities/{id}", Cancellation);
        var view = await Body(read, HttpStatusCode.OK);
        var moves = view.GetProperty("opportunity").GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("toStage").GetString()).ToList();
        Assert.Equal(["lead", "needs-confirmed", "proposal", "lead"], moves);
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM opportunity_evidence WHERE opportunity_id = @id", new { id }));
        Assert.Equal("Green", view.GetProperty("live").GetProperty("colour").GetString());
    }

    [Fact]
    public async Task Another_teams_rep_sees_neither_the_opportunity_nor_its_evidence()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var id = await Open(rep, 50_000m);
        await Moved(rep, id, "needs-confirmed");
        using var stored = await Upload(rep, id, "needs-confirmation-sheet", "sheet.pdf", Pdf);
        var evidenceId = (await Body(stored, HttpStatusCode.Created)).GetProperty("evidenceId").GetInt64();

        await chain.CommandCenter.EnsureStaff("south.rep.opp", ChainRoles.SalesRep,
            new Claim(ScopeClaims.Store, "store-gz001"), new Claim(ScopeClaims.Department, "dept-south-retail"), new Claim(ScopeClaims.Rep, "rep-gz001-01"));
        using var stranger = await chain.CommandCenter.CreateSignedInClient("south.rep.opp");

        await Refused(await stranger.GetAsync($"/api/opportunities/{id}", Cancellation), HttpStatusCode.NotFound, "not-found");
        await Refused(await stranger.GetAsync($"/api/opportunities/{id}/evidence/{evidenceId}", Cancellation), HttpStatusCode.NotFound, "not-found");
        await Refused(await stranger.GetAsync($"/api/opportunities/opp-doesnotexist/evidence/{evidenceId}", Cancellation), HttpStatusCode.NotFound, "not-found");
        await Refused(await Move(stranger, id, "proposal"), HttpStatusCode.NotFound, "not-found");
        await Refused(await Upload(stranger, id, "needs-confirmation-sheet", "x.pdf", Pdf), HttpStatusCode.NotFound, "not-found");
        await Refused(await stranger.GetAsync($"/api/pipeline?team={Team}", Cancellation), HttpStatusCode.Forbidden, "not-your-team");
        using var theirs = await stranger.GetAsync($"/api/pipeline?repId={DemoRepId}", Cancellation);
        Assert.Empty((await Body(theirs, HttpStatusCode.OK)).EnumerateArray());

        using var owner = await rep.GetAsync($"/api/opportunities/{id}/evidence/{evidenceId}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal("application/pdf", owner.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await owner.Content.ReadAsByteArrayAsync(Cancellation));

        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastSales);
        using var managed = await manager.GetAsync($"/api/pipeline?team={Team}", Cancellation);
        Assert.Contains((await Body(managed, HttpStatusCode.OK)).EnumerateArray(), c => c.GetProperty("opportunityId").GetString() == id);
    }

    [Fact]
    public async Task Above_500000_contract_waits_for_the_director_and_enters_on_approval()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var id = await Open(rep, 750_000m);
        await Moved(rep, id, "needs-confirmed");
        (await Upload(rep, id, "needs-confirmation-sheet", "s.pdf", Pdf)).Dispose();
        await Moved(rep, id, "proposal");
        (await Upload(rep, id, "meeting-minutes", "m.pdf", Pdf)).Dispose();
        await Moved(rep, id, "quote");

        using var asked = await Move(rep, id, "contract");
        var waits = await Body(asked, HttpStatusCode.Accepted);
        Assert.Equal("awaiting-approval", waits.GetProperty("outcome").GetString());
        var approvalId = waits.GetProperty("approvalId").GetInt64();
        await Refused(await Move(rep, id, "contract"), HttpStatusCode.Conflict, "awaiting-approval");

        using var director = await chain.CommandCenter.CreateSignedInClient("east.director");
        await Refused(await Move(director, id, "contract"), HttpStatusCode.Forbidden, "not-owner");

        var approvals = chain.CommandCenter.Services.GetRequiredService<ApprovalBook>();
        Assert.IsType<ApprovalDecided>(await approvals.Decide(approvalId, true, "strategic hospital account", "east.director", new HashSet<string> { ChainRoles.SalesDirector }, Cancellation));

        await Eventually.Holds(async () =>
        {
            using var read = await director.GetAsync($"/api/opportunities/{id}", Cancellation);
            var view = await Body(read, HttpStatusCode.OK);
            return view.GetProperty("live").GetProperty("facts").GetProperty("stage").GetString() == "contract";
        }, "the grain hears of the approval and holds the opportunity in contract", cancellationToken: Cancellation);
    }

    [Fact]
    public async Task An_opportunity_is_lost_with_its_reason_kept_in_its_history_and_shown_apart_on_the_pipeline()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        var id = await Open(rep, 80_000m);
        await chain.CommandCenter.EnsureStaff("south.rep.close", ChainRoles.SalesRep,
            new Claim(ScopeClaims.Store, "store-gz001"), new Claim(ScopeClaims.Department, "dept-south-retail"), new Claim(ScopeClaims.Rep, "rep-gz001-02"));
        using var stranger = await chain.CommandCenter.CreateSignedInClient("south.rep.close");

        await Refused(await Close(rep, id, "won", null), HttpStatusCode.Conflict, "not-winnable-stage");
        var noReason = await Refused(await Close(rep, id, "lost", " "), HttpStatusCode.BadRequest, "reason-required");
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await Refused(await Close(rep, id, "abandoned", "x"), HttpStatusCode.BadRequest, "unknown-outcome");
        await Refused(await Close(stranger, id, "lost", "not mine"), HttpStatusCode.NotFound, "not-found");
        using var open = await rep.GetAsync($"/api/pipeline?closedDays=30", Cancellation);
        Assert.Null((await Body(open, HttpStatusCode.OK)).EnumerateArray().Single(c => c.GetProperty("opportunityId").GetString() == id).GetProperty("outcome").GetString());

        using var lost = await Close(rep, id, "lost", "Went with a competitor's monitors");
        var closed = await Body(lost, HttpStatusCode.OK);
        await Refused(await Close(rep, id, "won", null), HttpStatusCode.Conflict, "closed");
        await Refused(await Move(rep, id, "needs-confirmed"), HttpStatusCode.Conflict, "closed");

        Assert.Equal("lost", closed.GetProperty("outcome").GetString());
        var last = closed.GetProperty("opportunity").GetProperty("moves").EnumerateArray().Last();
        Assert.Equal(("lead", "lost", "Went with a competitor's monitors"), (last.GetProperty("fromStage").GetString(), last.GetProperty("toStage").GetString(), last.GetProperty("note").GetString()));
        using var pipeline = await rep.GetAsync($"/api/pipeline", Cancellation);
        Assert.DoesNotContain((await Body(pipeline, HttpStatusCode.OK)).EnumerateArray(), c => c.GetProperty("opportunityId").GetString() == id);
        using var withClosed = await rep.GetAsync($"/api/pipeline?closedDays=30", Cancellation);
        var card = (await Body(withClosed, HttpStatusCode.OK)).EnumerateArray().Single(c => c.GetProperty("opportunityId").GetString() == id);
        Assert.Equal("lost", card.GetProperty("outcome").GetString());
    }

    private static Task<HttpResponseMessage> Close(HttpClient client, string id, string outcome, string? reason) =>
        client.PostAsJsonAsync($"/api/opportunities/{id}/close", new { outcome, reason }, Cancellation);

    private static async Task<string> Open(HttpClient rep, decimal amount)
    {
        var n = Interlocked.Increment(ref _serial);
        using var created = await rep.PostAsJsonAsync("/api/customers", new { kind = "member", name = $"商机客户 {n}", phone = $"+86136{Environment.ProcessId % 1000:D3}{n:D5}", ownerRepId = DemoRepId, departmentId = Team }, Cancellation);
        var customerId = (await Body(created, HttpStatusCode.Created)).GetProperty("customerId").GetString();
        using var opened = await rep.PostAsJsonAsync("/api/opportunities", new { customerId, title = $"Ward monitors {n}", amount, productLine = "medical-devices" }, Cancellation);
        var opportunity = await Body(opened, HttpStatusCode.Created);
        Assert.Equal("lead", opportunity.GetProperty("stage").GetString());
        return opportunity.GetProperty("opportunityId").GetString()!;
    }

    private static Task<HttpResponseMessage> Move(HttpClient client, string id, string toStage) =>
        client.PostAsJsonAsync($"/api/opportunities/{id}/moves", new { toStage }, Cancellation);

    private static async Task<JsonElement> Moved(HttpClient client, string id, string toStage)
    {
        using var response = await Move(client, id, toStage);
        return await Body(response, HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string id, string requirement, string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(requirement), "requirement");
        return client.PostAsync($"/api/opportunities/{id}/evidence", form, Cancellation);
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> Refused(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        using (response)
        {
            var problem = await Body(response, status);
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
            return problem;
        }
    }
}
