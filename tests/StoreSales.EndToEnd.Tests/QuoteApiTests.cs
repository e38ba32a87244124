using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The quotes API on the demo chain, each role as it signs in: the owner rep makes and submits; the team's sales manager
/// may too; the east director and legal see but do not quote (403); a rep sees nothing of another team's opportunity
/// (404, like an unknown id); a submitted version is never edited (409 version-fixed); a bad discount is 400 naming its
/// field; the verification is public and says when a code was altered.
/// </summary>
public sealed class QuoteApiTests(ChainFixture chain) : IClassFixture<ChainFixture>, IAsyncLifetime
{
    private const string East = "opp-api-east";
    private const string South = "opp-api-south";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var connection = await chain.Database.DataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            INSERT INTO item (item_code, name, unit_price, unit_cost) VALUES ('md-api-meter', '血糖仪 GM-300', 299.00, 180.00) ON CONFLICT DO NOTHING;
            INSERT INTO customer (customer_id, kind, display_name, normalized_name, owner_rep_id, department_id, service_from, created_at, updated_at)
            VALUES ('cust-api-east', 'account', 'East Clinics Co.', 'EAST CLINICS', 'rep-sh001-01', 'dept-east-retail', '2026-01-01', now(), now()),
                   ('cust-api-south', 'account', 'South Clinics Co.', 'SOUTH CLINICS', 'rep-gz001-01', 'dept-south-retail', '2026-01-01', now(), now())
            ON CONFLICT DO NOTHING;
            INSERT INTO opportunity (opportunity_id, customer_id, owner_rep_id, department_id, product_line, title, amount, stage, stage_entered_at, last_activity_at, created_by, created_at, updated_at)
            VALUES ('opp-api-east', 'cust-api-east', 'rep-sh001-01', 'dept-east-retail', 'medical-devices', 'East meters', 3000, 'quote', now(), now(), 'sh001.rep', now(), now()),
                   ('opp-api-south', 'cust-api-south', 'rep-gz001-01', 'dept-south-retail', 'medical-devices', 'South meters', 3000, 'quote', now(), now(), 'hq', now(), now())
            ON CONFLICT DO NOTHING;
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_owner_rep_quotes_submits_and_cannot_edit_what_was_submitted()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);

        var created = await rep.PostAsJsonAsync($"/api/opportunities/{East}/quotes", Body(12m), Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var quote = await Json(created);
        var number = quote.GetProperty("quoteNumber").GetString()!;
        Assert.Equal(($"/api/quotes/{number}/1", "director", "draft", 2631.20m),
            (created.Headers.Location!.OriginalString, quote.GetProperty("tier").GetString(), quote.GetProperty("status").GetString(), quote.GetProperty("netTotal").GetDecimal()));

        var submitted = await Json(await rep.PostAsync($"/api/quotes/{number}/1/submit", null, Cancellation));
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        Assert.Equal(["sales-director"], submitted.GetProperty("approval").GetProperty("waiting").EnumerateArray().Select(r => r.GetString()));

        var edit = await rep.PutAsJsonAsync($"/api/quotes/{number}/1", Body(5m), Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal("version-fixed", (await Json(edit)).GetProperty("rule").GetString());
        var again = await rep.PostAsync($"/api/quotes/{number}/1/submit", null, Cancellation);
        Assert.Equal("already-submitted", (await Json(again)).GetProperty("rule").GetString());
        Assert.Equal(12m, (await Json(await rep.GetAsync($"/api/quotes/{number}/1", Cancellation))).GetProperty("lines")[0].GetProperty("discountPercent").GetDecimal());

        var second = await rep.PostAsJsonAsync($"/api/quotes/{number}/versions", Body(5m), Cancellation);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(("rep", 2), ((await Json(second)).GetProperty("tier").GetString(), (await Json(second)).GetProperty("version").GetInt32()));
        Assert.Equal("superseded", (await Json(await rep.GetAsync($"/api/quotes/{number}/1", Cancellation))).GetProperty("status").GetString());
        var pdf = await rep.GetAsync($"/api/quotes/{number}/2/document.pdf", Cancellation);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_bad_discount_is_refused_naming_its_field()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);

        var refused = await rep.PostAsJsonAsync($"/api/opportunities/{East}/quotes", Body(100m), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Json(refused)).GetProperty("errors").TryGetProperty("lines[0].discountPercent", out _));
    }

    [Fact]
    public async Task Each_role_sees_and_quotes_exactly_its_part()
    {
        using var rep = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Sh001Rep);
        using var hq = await chain.CommandCenter.CreateSignedInClient(DemoLogins.Hq);
        using var director = await chain.CommandCenter.CreateSignedInClient("east.director");
        using var legal = await chain.CommandCenter.CreateSignedInClient("legal");
        using var manager = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastSales);
        using var anonymous = chain.CommandCenter.CreateClient();

        // Another team's opportunity is unknown to the rep, for reading and for quoting.
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/opportunities/{South}/quotes", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.PostAsJsonAsync($"/api/opportunities/{South}/quotes", Body(1m), Cancellation)).StatusCode);
        var south = await Json(await hq.GetAsync($"/api/opportunities/{South}/quotes", Cancellation));
        Assert.Equal(JsonValueKind.Array, south.ValueKind);

        // The team's sales manager quotes; the director and legal see it but may not quote.
        var made = await manager.PostAsJsonAsync($"/api/opportunities/{East}/quotes", Body(3m), Cancellation);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var location = made.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(location, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await legal.GetAsync(location, Cancellation)).StatusCode);
        var byDirector = await director.PostAsJsonAsync($"/api/opportunities/{East}/quotes", Body(3m), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, byDirector.StatusCode);
        Assert.Equal("not-quoter", (await Json(byDirector)).GetProperty("rule").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/api/opportunities/{South}/quotes", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(location, Cancellation)).StatusCode);

        // The verification needs no sign-in and shows only what the customer may see.
        var code = (await Json(await rep.GetAsync(location, Cancellation))).GetProperty("verificationCode").GetString()!;
        var verified = await anonymous.GetAsync($"/api/verify/{code}", Cancellation);
        var shown = await Json(verified);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(("verified", "East Clinics Co."), (shown.GetProperty("verdict").GetString(), shown.GetProperty("customerName").GetString()));
        Assert.False(shown.TryGetProperty("lines", out _));
        var altered = await anonymous.GetAsync($"/api/verify/{code[..^1]}{(code[^1] == '0' ? '1' : '0')}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, altered.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json(altered)).GetProperty("customerName").ValueKind);
        Assert.Equal("altered-code", (await Json(altered)).GetProperty("verdict").GetString());
    }

    private static object Body(decimal discount) => new { lines = new[] { new { itemCode = "md-api-meter", quantity = 10, discountPercent = discount } } };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone();
}
