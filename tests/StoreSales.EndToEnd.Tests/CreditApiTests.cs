using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Data.Approvals;
using StoreSales.Domain.Access;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Credit hold through the command center on the demo chain (real PostgreSQL, silo, command center): finance keeps the
/// ledger (others are refused by rule), the ERP's CSV reports bad rows by line, a held order warns the rep with the
/// figures and payment history, raises <c>credit-hold</c> in the supervisor's inbox and is released by finance; and the
/// customer's credit and orders are 404 outside its scope, like an unknown id.
/// </summary>
public sealed class CreditApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("legal", HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Hq, HttpStatusCode.Forbidden)]
    [InlineData(DemoLogins.Sh001Rep, HttpStatusCode.Forbidden)]
    [InlineData(CreditStory.Finance, HttpStatusCode.Created)]
    [InlineData(DemoLogins.Admin, HttpStatusCode.Created)]
    public async Task Only_finance_and_administrators_keep_receivables(string user, HttpStatusCode expected)
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "杭州康华医疗器械有限公司", 100_000, 0);
        using var http = await chain.CommandCenter.CreateSignedInClient(user);

        using var response = await http.PostAsJsonAsync(
            "/api/credit/receivables", new { documentNo = $"AR-{user}-{customerId}", customerId, amount = 1000, issuedOn = "2026-11-01", dueOn = "2026-12-01" }, Cancellation);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("credit-ledger-keeper", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("rule").GetString());
        }
    }

    [Fact]
    public async Task The_ERP_file_is_imported_by_finance_with_each_bad_row_named_by_line_and_a_second_import_adds_nothing()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "宁波瑞丰汽车配件有限公司", 100_000, 0);
        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        var csv = $"document_no,customer_id,amount,issued_on,due_on,currency\nAR-CSV-{customerId}-1,{customerId},9000,2026-11-01,2026-11-30,CNY\nAR-CSV-{customerId}-2,{customerId},10,2026-11-01,2026-11-30,USD\n";

        var first = await Import(finance, csv);
        var again = await Import(finance, csv);

        Assert.Equal(1, first.GetProperty("recorded").GetInt32());
        var rejected = Assert.Single(first.GetProperty("rejected").EnumerateArray());
        Assert.Equal((3, "currency"), (rejected.GetProperty("line").GetInt32(), rejected.GetProperty("field").GetString()));
        Assert.Equal((0, 1), (again.GetProperty("recorded").GetInt32(), again.GetProperty("alreadyRecorded").GetInt32()));

        using var changed = await finance.PostAsJsonAsync(
            "/api/credit/receivables", new { documentNo = $"AR-CSV-{customerId}-1", customerId, amount = 9500, issuedOn = "2026-11-01", dueOn = "2026-11-30" }, Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("changed-figures", (await changed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_held_order_warns_the_rep_tells_the_supervisor_and_ships_once_finance_releases_it()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "苏州恒信医药供应有限公司", 500_000, 186_400);
        using var rep = await CreditStory.B2bRep(chain.CommandCenter);

        var order = await CreditStory.PlaceOrder(rep, $"SO-{customerId}", customerId, 48_000);

        Assert.Equal("held", order.GetProperty("status").GetString());
        Assert.False(order.GetProperty("mayShip").GetBoolean());
        Assert.Equal("overdue receivables ¥186,400, suggest holding shipment", order.GetProperty("warning").GetString());
        Assert.Equal(186_400m, order.GetProperty("check").GetProperty("overdueAmount").GetDecimal());
        Assert.Equal(50_000m, Assert.Single(order.GetProperty("recentPayments").EnumerateArray()).GetProperty("amount").GetDecimal());
        Assert.Equal(ChainRoles.Finance, order.GetProperty("releaseApproverRole").GetString());

        // The region's field supervisor finds it in the inbox, with the payment history as evidence.
        using var supervisor = await chain.CommandCenter.CreateSignedInClient(DemoLogins.EastSupervisor);
        var alert = await Eventually.Until(
            async () => (await supervisor.GetFromJsonAsync<JsonElement>("/api/interventions?regionId=region-east", Cancellation)).EnumerateArray()
                .FirstOrDefault(a => a.GetProperty("condition").GetString() == "credit-hold" && a.GetProperty("subjectId").GetString() == customerId),
            a => a.ValueKind == JsonValueKind.Object);
        Assert.Equal("supervisor:region-east", alert.GetProperty("assignee").GetString());
        Assert.Contains("Recent payments: ", alert.GetProperty("evidence").GetString());

        // Finance releases it (the approvals inbox decides through the same book).
        var approvals = chain.CommandCenter.Services.GetRequiredService<ApprovalBook>();
        Assert.IsType<ApprovalDecided>(await approvals.Decide(
            order.GetProperty("approvalId").GetInt64(), true, "paid 100k this morning", CreditStory.Finance, new HashSet<string> { ChainRoles.Finance }, Cancellation));

        var released = await rep.GetFromJsonAsync<JsonElement>($"/api/orders/SO-{customerId}", Cancellation);
        Assert.Equal(("released", true, CreditStory.Finance), (released.GetProperty("status").GetString(), released.GetProperty("mayShip").GetBoolean(), released.GetProperty("decidedBy").GetString()));
    }

    [Fact]
    public async Task An_order_within_credit_is_accepted_and_sending_it_again_changes_nothing()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "无锡佳和商贸有限公司", 100_000, 0);
        using var rep = await CreditStory.B2bRep(chain.CommandCenter);

        var first = await CreditStory.PlaceOrder(rep, $"SO-ok-{customerId}", customerId, 30_000);
        using var again = await rep.PostAsJsonAsync("/api/orders", new { orderId = $"SO-ok-{customerId}", customerId, lines = new[] { new { itemId = "SKU-PUMP", quantity = 1, unitPrice = 30_000 } } }, Cancellation);
        using var changed = await rep.PostAsJsonAsync("/api/orders", new { orderId = $"SO-ok-{customerId}", customerId, lines = new[] { new { itemId = "SKU-PUMP", quantity = 2, unitPrice = 30_000 } } }, Cancellation);

        Assert.Equal(("accepted", (string?)null), (first.GetProperty("status").GetString(), first.GetProperty("warning").GetString()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("alreadyPlaced").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        var credit = await rep.GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}/credit", Cancellation);
        Assert.Equal((100_000m, 30_000m, 70_000m), (credit.GetProperty("limit").GetDecimal(), credit.GetProperty("used").GetDecimal(), credit.GetProperty("remaining").GetDecimal()));
    }

    [Theory]
    [InlineData(CreditStory.Finance, HttpStatusCode.OK)]
    [InlineData(DemoLogins.Hq, HttpStatusCode.OK)]
    [InlineData(DemoLogins.Sh001Manager, HttpStatusCode.OK)]   // leads the store's reps, the B2B rep among them
    [InlineData(DemoLogins.Sh001Rep, HttpStatusCode.NotFound)] // another rep's customer
    [InlineData(DemoLogins.EastSales, HttpStatusCode.NotFound)] // leads another team
    [InlineData("legal", HttpStatusCode.NotFound)]
    public async Task A_customer_s_credit_and_orders_are_unknown_outside_its_scope(string user, HttpStatusCode expected)
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "常州德润医疗器械有限公司", 100_000, 0);
        using (var rep = await CreditStory.B2bRep(chain.CommandCenter))
        {
            await CreditStory.PlaceOrder(rep, $"SO-scope-{customerId}", customerId, 1_000);
        }

        using var http = await chain.CommandCenter.CreateSignedInClient(user);
        using var credit = await http.GetAsync($"/api/customers/{customerId}/credit", Cancellation);
        using var order = await http.GetAsync($"/api/orders/SO-scope-{customerId}", Cancellation);
        using var place = await http.PostAsJsonAsync("/api/orders", new { orderId = $"SO-x-{user}-{customerId}", customerId, lines = new[] { new { itemId = "SKU", quantity = 1, unitPrice = 1 } } }, Cancellation);

        Assert.Equal([expected, expected], new[] { credit.StatusCode, order.StatusCode });
        // Seeing is not placing: only the owner rep, the team's manager and an administrator place orders.
        Assert.Equal(expected == HttpStatusCode.OK && user != DemoLogins.Sh001Manager ? HttpStatusCode.Forbidden : expected == HttpStatusCode.OK ? HttpStatusCode.Created : HttpStatusCode.NotFound, place.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_credit_and_order_endpoint()
    {
        using var anonymous = chain.CommandCenter.CreateClient();
        var paths = (await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation)).GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/api/credit/receivables", "post"), ("/api/credit/payments", "post"), ("/api/credit/receivables/import", "post"),
            ("/api/credit/payments/import", "post"), ("/api/customers/{customerId}/credit-limit", "put"), ("/api/customers/{customerId}/credit", "get"),
            ("/api/orders", "post"), ("/api/orders", "get"), ("/api/orders/{orderId}", "get"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path}");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), $"{method} {path}");
        }
    }

    private static async Task<JsonElement> Import(HttpClient finance, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await finance.PostAsync("/api/credit/receivables/import", content, Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }
}
