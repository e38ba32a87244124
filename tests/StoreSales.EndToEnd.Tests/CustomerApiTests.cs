using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.CommandCenter.Access;
using StoreSales.CommandCenter.Api;
using StoreSales.Domain.Access;
using StoreSales.Domain.SalesForce.Customers;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The customer API on the real command center and PostgreSQL: one customer one id (also under concurrent creates),
/// import idempotence, leads and their first contact, who sees what, and merges with their audit.
/// </summary>
public sealed class CustomerApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    // sh001.rep is rep-sh001-01 (DemoStaff); these people are added by the tests, once per chain.
    private const string Rep = DemoLogins.Sh001Rep;
    private const string RepId = "rep-sh001-01";
    private const string OtherRep = "sh001.rep2";
    private const string OtherRepId = "rep-sh001-02";
    private const string SalesManager = "b2b.sales";
    private const string Team = "store-sh001";

    private static int _phones;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rep_creates_a_customer_and_reads_it_back_whole()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        var phone = NextPhone();

        using var created = await rep.PostAsJsonAsync("/api/customers", new { kind = "member", name = "  王 芳 ", phone = Spaced(phone), departmentId = Team, memberCode = $"M{phone[^8..]}" }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Json(created)).GetProperty("customerId").GetString()!;
        Assert.Equal($"/api/customers/{id}", created.Headers.Location!.OriginalString);
        var customer = await rep.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", Cancellation);
        Assert.Equal("member", customer.GetProperty("kind").GetString());
        Assert.Equal("王 芳", customer.GetProperty("name").GetString());
        Assert.Equal(phone, customer.GetProperty("phone").GetString());
        Assert.Equal($"M{phone[^8..]}", customer.GetProperty("memberCode").GetString());
        Assert.Equal(RepId, customer.GetProperty("ownerRepId").GetString());
        Assert.Equal(Team, customer.GetProperty("departmentId").GetString());
        Assert.False(customer.GetProperty("contactMasked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("lead").ValueKind);
    }

    [Fact]
    public async Task The_demo_sales_manager_sees_the_demo_reps_team_masked_and_no_other_team()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var salesManager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastSales);
        using var inTeam = await rep.PostAsJsonAsync("/api/customers", new { kind = "member", name = "赵敏", phone = NextPhone(), departmentId = "dept-east-retail" }, Cancellation);
        using var elsewhere = await admin.PostAsJsonAsync("/api/customers", new { kind = "member", name = "钱程", phone = NextPhone(), ownerRepId = "rep-gz001-01", departmentId = "dept-south-retail" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, inTeam.StatusCode);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);

        var seen = await salesManager.GetFromJsonAsync<JsonElement>($"/api/customers/{(await Json(inTeam)).GetProperty("customerId").GetString()}", Cancellation);
        using var unseen = await salesManager.GetAsync($"/api/customers/{(await Json(elsewhere)).GetProperty("customerId").GetString()}", Cancellation);

        Assert.True(seen.GetProperty("contactMasked").GetBoolean());
        Assert.Equal(RepId, seen.GetProperty("ownerRepId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
    }

    [Fact]
    public async Task The_same_phone_written_differently_is_a_likely_duplicate_answered_with_the_first_id()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        using var first = await rep.PostAsJsonAsync("/api/customers", new { kind = "member", name = "李雷", phone = "+86 138 0013 8000", departmentId = Team }, Cancellation);
        var firstId = (await Json(first)).GetProperty("customerId").GetString();

        using var second = await rep.PostAsJsonAsync("/api/customers", new { kind = "member", name = "李 雷 (new)", phone = "13800138000", departmentId = Team }, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await Json(second);
        Assert.Equal(firstId, problem.GetProperty("existingCustomerId").GetString());
        Assert.Equal("phone", problem.GetProperty("matchedBy").GetString());
        Assert.Equal("likely-duplicate", problem.GetProperty("rule").GetString());
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer WHERE phone = '+8613800138000'"));
    }

    [Fact]
    public async Task An_invalid_credit_code_is_refused_naming_creditCode_and_counted()
    {
        using var measurements = new CustomerRejections(chain.CommandCenter.Services.GetRequiredService<IMeterFactory>());
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var valid = ValidCreditCode("91350100M000100Y4");
        var mistyped = valid[..^1] + (valid[^1] == '0' ? '1' : '0');

        using var refused = await manager.PostAsJsonAsync("/api/customers", new { kind = "account", name = "厦门某某贸易有限公司", creditCode = mistyped, ownerRepId = RepId, departmentId = Team }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await Json(refused)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("creditCode", out _), errors.ToString());
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM customer WHERE display_name = '厦门某某贸易有限公司'"));
        Assert.Contains(("create", "invalid_credit_code"), measurements.Seen);
    }

    [Fact]
    public async Task Twenty_concurrent_creates_of_one_customer_make_exactly_one_and_name_it_to_the_rest()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        var phone = NextPhone();
        var writings = new[] { phone, Spaced(phone), phone[3..], "0086" + phone[3..], "86-" + phone[3..] };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await rep.PostAsJsonAsync("/api/customers", new { kind = "member", name = $"客户 {i}", phone = writings[i % writings.Length], departmentId = Team }, Cancellation);
            var body = await Json(response);
            return (response.StatusCode, Id: body.TryGetProperty("customerId", out var id) ? id.GetString() : body.GetProperty("existingCustomerId").GetString());
        }));

        var created = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a != created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Equal(created.Id, a.Id);
        });
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer WHERE phone = @phone", new { phone }));
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer_key WHERE customer_id = @id", new { id = created.Id }));
    }

    [Fact]
    public async Task An_import_row_sent_again_answers_with_the_same_customer_and_adds_nothing()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var row = new { kind = "member", name = "赵敏", phone = NextPhone(), ownerRepId = OtherRepId, departmentId = Team, importRowKey = $"crm-2026-12.csv#{NextPhone()}" };

        using var first = await manager.PostAsJsonAsync("/api/customers", row, Cancellation);
        using var again = await manager.PostAsJsonAsync("/api/customers", row, Cancellation);
        using var changedRow = await manager.PostAsJsonAsync("/api/customers", row with { name = "赵敏 (edited)", phone = NextPhone() }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await Json(first)).GetProperty("customerId").GetString();
        foreach (var repeat in new[] { again, changedRow })
        {
            Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
            var answer = await Json(repeat);
            Assert.Equal(id, answer.GetProperty("customerId").GetString());
            Assert.True(answer.GetProperty("alreadyImported").GetBoolean());
        }

        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer WHERE import_row_key = @key", new { key = row.importRowKey }));
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM customer_key WHERE customer_id = @id", new { id }));
    }

    [Fact]
    public async Task A_call_by_the_lead_s_rep_records_its_first_contact_and_a_note_does_not()
    {
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        var id = await Create(manager, new { kind = "member", name = "陈静", phone = NextPhone(), ownerRepId = OtherRepId, departmentId = Team });

        using var assigned = await manager.PostAsJsonAsync("/api/leads", new { customerId = id, repId = RepId }, Cancellation);
        using var secondLead = await manager.PostAsJsonAsync("/api/leads", new { customerId = id, repId = OtherRepId }, Cancellation);
        using var note = await rep.PostAsJsonAsync($"/api/customers/{id}/interactions", new { kind = "note", note = "Asked a colleague about her" }, Cancellation);
        using var call = await rep.PostAsJsonAsync($"/api/customers/{id}/interactions", new { kind = "Call", outcome = "Interested in the member day", nextAction = "Send the member-day leaflet", nextActionDue = InTwoDays() }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var lead = await Json(assigned);
        Assert.Equal("Waiting", lead.GetProperty("status").GetString());
        Assert.Equal(
            lead.GetProperty("assignedAt").GetDateTimeOffset().AddHours(48),
            lead.GetProperty("firstContactDueAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, secondLead.StatusCode);
        Assert.Equal(LeadEndpoints.OneOpenLeadRule, (await Json(secondLead)).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.False((await Json(note)).GetProperty("firstContact").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        Assert.True((await Json(call)).GetProperty("firstContact").GetBoolean());

        var customer = await rep.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", Cancellation);
        Assert.Equal(RepId, customer.GetProperty("ownerRepId").GetString());
        Assert.Equal("ContactedInTime", customer.GetProperty("lead").GetProperty("status").GetString());
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM interaction WHERE customer_id = @id AND next_action_due IS NOT NULL", new { id }));
    }

    [Theory]
    [InlineData("""{"kind":"lunch"}""", "kind")]
    [InlineData("""{}""", "kind")]
    [InlineData("""{"kind":"visit","nextAction":"Call back","nextActionDue":"2020-01-01"}""", "nextActionDue")]
    [InlineData("""{"kind":"visit","nextAction":"Call back"}""", "nextActionDue")]
    [InlineData("""{"kind":"visit","nextActionDue":"not a date"}""", "nextActionDue")]
    public async Task An_interaction_of_an_unknown_kind_or_with_a_due_date_in_the_past_is_refused_naming_the_field(string body, string field)
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        var id = await Create(rep, new { kind = "member", name = "周杰", phone = NextPhone(), departmentId = Team });

        using var refused = await rep.PostAsync($"/api/customers/{id}/interactions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await Json(refused)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM interaction WHERE customer_id = @id", new { id }));
    }

    [Fact]
    public async Task A_rep_cannot_read_another_rep_s_customer_and_the_store_manager_sees_it_masked()
    {
        await chain.CommandCenter.EnsureStaff(OtherRep, ChainRoles.SalesRep, new Claim(ScopeClaims.Store, Team), new Claim(ScopeClaims.Rep, OtherRepId));
        using var owner = await chain.CommandCenter.CreateSignedInClient(OtherRep);
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var phone = NextPhone();
        var id = await Create(owner, new { kind = "member", name = "孙丽", phone, departmentId = Team });

        using var byOtherRep = await rep.GetAsync($"/api/customers/{id}", Cancellation);
        using var unknown = await rep.GetAsync("/api/customers/cust-does-not-exist", Cancellation);
        using var interactionByOtherRep = await rep.PostAsJsonAsync($"/api/customers/{id}/interactions", new { kind = "call" }, Cancellation);
        var byManager = await manager.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", Cancellation);
        var byOwner = await owner.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, byOtherRep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((await Json(unknown)).GetProperty("title").GetString(), (await Json(byOtherRep)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, interactionByOtherRep.StatusCode);
        Assert.True(byManager.GetProperty("contactMasked").GetBoolean());
        Assert.Equal($"+86 {phone[3..6]}****{phone[^4..]}", byManager.GetProperty("phone").GetString());
        Assert.Equal("孙丽", byManager.GetProperty("name").GetString());
        Assert.False(byOwner.GetProperty("contactMasked").GetBoolean());
        Assert.Equal(phone, byOwner.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_store_manager_leads_the_customers_of_the_store_s_reps_in_their_regional_department()
    {
        // Demo reps belong to a regional department (deploy/local/demo-chain.json); the owner rep's store in master data
        // is what puts the customer in that store manager's team, and nobody else's.
        const string RegionalTeam = "dept-east-retail";
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        var id = await Create(manager, new { kind = "member", name = "吴昊", phone = NextPhone(), ownerRepId = OtherRepId, departmentId = RegionalTeam });

        var byManager = await manager.GetFromJsonAsync<JsonElement>($"/api/customers/{id}", Cancellation);
        using var lead = await manager.PostAsJsonAsync("/api/leads", new { customerId = id, repId = OtherRepId }, Cancellation);
        using var forAnotherStore = await manager.PostAsJsonAsync("/api/customers", new { kind = "member", name = "郑爽", phone = NextPhone(), ownerRepId = "rep-sh002-01", departmentId = RegionalTeam }, Cancellation);

        Assert.Equal(RegionalTeam, byManager.GetProperty("departmentId").GetString());
        Assert.True(byManager.GetProperty("contactMasked").GetBoolean());
        Assert.True(lead.IsSuccessStatusCode, $"{lead.StatusCode}: {await lead.Content.ReadAsStringAsync(Cancellation)}");
        Assert.Equal(HttpStatusCode.Forbidden, forAnotherStore.StatusCode); // rep-sh002-01 works in another store
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/customers/{id}", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_till_sale_with_a_member_code_is_on_that_customer_s_purchases_once_acked()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        using var otherRep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        var phone = NextPhone();
        var member = $"M{phone[^8..]}";
        var id = await Create(rep, new { kind = "member", name = "林青", phone, departmentId = Team, memberCode = member });
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var sequence = long.Parse(phone[^8..], System.Globalization.CultureInfo.InvariantCulture);
        var bought = SaleFactory.Sale("T02", sequence, at, ("6920433218190", 2, 12.50m)) with { MemberId = member };
        var anonymous = SaleFactory.Sale("T02", sequence + 1, at, ("6920433218190", 1, 12.50m));
        await chain.Silo.PostSales("store-sh001", "demo-key-store-sh001", [bought, anonymous], Cancellation);

        var history = await rep.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/purchases", Cancellation);
        var byHq = await otherRep.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/purchases?days=1&limit=1", Cancellation);
        using var unknown = await rep.GetAsync("/api/customers/cust-does-not-exist/purchases", Cancellation);

        Assert.Equal(1, history.GetProperty("count").GetInt64());
        Assert.Equal(25.00m, history.GetProperty("amount").GetDecimal());
        var purchase = Assert.Single(history.GetProperty("recent").EnumerateArray());
        Assert.Equal(("store-sh001", "T02", sequence), (purchase.GetProperty("storeId").GetString(), purchase.GetProperty("terminalId").GetString(), purchase.GetProperty("sequence").GetInt64()));
        Assert.Equal(1, byHq.GetProperty("recent").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_merge_moves_keys_and_interactions_to_the_kept_customer_and_writes_the_audit()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        using var admin = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Manager);
        var creditCode = ValidCreditCode("91310000MA1FL" + NextPhone()[^4..]);
        var phone = NextPhone();
        var kept = await Create(rep, new { kind = "account", name = $"上海星河贸易有限公司 {phone[^4..]}", creditCode, departmentId = Team });
        var merged = await Create(rep, new { kind = "account", name = $"Xinghe Trading {phone[^4..]} Co., Ltd.", phone, departmentId = Team });
        using var call = await rep.PostAsJsonAsync($"/api/customers/{merged}/interactions", new { kind = "call", outcome = "Same company as the Chinese record" }, Cancellation);

        using var byStoreManager = await manager.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = merged, reason = "same company" }, Cancellation);
        using var withoutReason = await admin.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = merged }, Cancellation);
        using var done = await admin.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = merged, reason = "English and Chinese name of one company" }, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, byStoreManager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = await Json(done);
        Assert.Equal(2, result.GetProperty("keysMoved").GetInt32());   // its phone and its name
        Assert.Equal(1, result.GetProperty("interactionsMoved").GetInt32());
        Assert.Equal(4, await chain.Database.Count("SELECT count(*) FROM customer_key WHERE customer_id = @kept", new { kept }));
        Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM customer_key WHERE customer_id = @merged", new { merged }));
        Assert.Equal(1, await chain.Database.Count("SELECT count(*) FROM interaction WHERE customer_id = @kept", new { kept }));
        Assert.Equal(1, await chain.Database.Count(
            "SELECT count(*) FROM customer_merge WHERE kept_id = @kept AND merged_id = @merged AND merged_by = 'admin' AND reason = 'English and Chinese name of one company'",
            new { kept, merged }));

        using var mergedRead = await rep.GetAsync($"/api/customers/{merged}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, mergedRead.StatusCode);
        var keptRead = await rep.GetFromJsonAsync<JsonElement>($"/api/customers/{kept}", Cancellation);
        Assert.Equal(phone, keptRead.GetProperty("phone").GetString());
        using var again = await rep.PostAsJsonAsync("/api/customers", new { kind = "member", name = "someone", phone = Spaced(phone), departmentId = Team }, Cancellation);
        Assert.Equal(kept, (await Json(again)).GetProperty("existingCustomerId").GetString());
    }

    [Fact]
    public async Task A_sales_manager_merges_within_their_teams_and_a_rep_neither_merges_nor_assigns_leads()
    {
        await chain.CommandCenter.EnsureStaff(SalesManager, ChainRoles.SalesManager, new Claim(ScopeClaims.Department, Team), new Claim(ScopeClaims.Department, "dept-b2b"));
        using var salesManager = await chain.CommandCenter.CreateSignedInClient(SalesManager);
        using var rep = await chain.CommandCenter.CreateSignedInClient(Rep);
        var kept = await Create(salesManager, new { kind = "member", name = "钱多多", phone = NextPhone(), ownerRepId = RepId, departmentId = Team });
        var merged = await Create(salesManager, new { kind = "member", name = "钱多多", memberCode = "M-" + NextPhone(), ownerRepId = "rep-b2b-01", departmentId = "dept-b2b" });

        using var leadByRep = await rep.PostAsJsonAsync("/api/leads", new { customerId = kept, repId = RepId }, Cancellation);
        using var mergeByRep = await rep.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = merged, reason = "same person" }, Cancellation);
        using var unknownLead = await salesManager.PostAsJsonAsync("/api/leads", new { customerId = "cust-nobody", repId = RepId }, Cancellation);
        using var merge = await salesManager.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = merged, reason = "same person, card and phone" }, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, leadByRep.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mergeByRep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownLead.StatusCode);
        Assert.True((await Json(unknownLead)).GetProperty("errors").TryGetProperty("customerId", out _));
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/customers")]
    [InlineData("GET", "/api/customers/cust-x")]
    [InlineData("POST", "/api/customers/cust-x/interactions")]
    [InlineData("POST", "/api/customers/cust-x/merge")]
    [InlineData("POST", "/api/leads")]
    public async Task Without_sign_in_every_customer_endpoint_answers_401(string method, string path)
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { kind = "call" }) : null };

        using var response = await anonymous.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_customer_endpoint()
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation);
        var paths = document.GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/customers", "post"), ("/api/customers/{customerId}", "get"), ("/api/customers/{customerId}/interactions", "post"), ("/api/customers/{customerId}/merge", "post"), ("/api/leads", "post") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), path);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), path);
        }

        Assert.True(paths.GetProperty("/api/customers").GetProperty("post").TryGetProperty("requestBody", out _));
    }

    private static async Task<string> Create(HttpClient client, object customer)
    {
        using var response = await client.PostAsJsonAsync("/api/customers", customer, Cancellation);
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("customerId").GetString()!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);

    /// <summary>A valid mainland mobile number in E.164, different for every call in this process.</summary>
    private static string NextPhone() => $"+86139{(Environment.ProcessId % 100 * 1_000_000) + Interlocked.Increment(ref _phones):D8}";

    private static string Spaced(string e164) => $"+86 {e164[3..6]} {e164[6..10]} {e164[10..]}";

    private static string ValidCreditCode(string first17) => first17 + UnifiedSocialCreditCode.CheckCharacter(first17);

    private static string InTwoDays() => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
