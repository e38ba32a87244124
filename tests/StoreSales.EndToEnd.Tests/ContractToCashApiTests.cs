using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Contract to cash through the command center on the demo chain (real PostgreSQL, silo, command center): the owner rep
/// records a contract, finance its documents (the rep is refused by rule), the ERP's shipments file is idempotent, the
/// board shows a green, a yellow and a red line of the month with drill-down and CSV export, and another team's rep
/// finds the customer's contracts and lines unknown (404), like an unknown id.
/// </summary>
public sealed class ContractToCashApiTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Month => Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_board_shows_a_green_a_yellow_and_a_red_line_with_their_documents_and_exports_them()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "上海联华医疗设备有限公司", 1_000_000, 0);
        using var rep = await CreditStory.B2bRep(chain.CommandCenter);
        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        var signed = new DateOnly(Today.Year, Today.Month, 1);
        foreach (var (id, net) in new[] { ("G", 100_000m), ("Y", 50_000m), ("R", 20_000m) })
        {
            await Expect(rep, "/api/contracts", new { contractId = $"CT-{id}-{customerId}", customerId, net, paymentTerms = "net60", signedOn = signed }, HttpStatusCode.Created);
        }

        await Document(finance, "shipments", new { documentNo = $"SH-G-{customerId}", customerId, contractId = $"CT-G-{customerId}", amount = 113_000, shippedOn = signed });
        await Document(finance, "sign-offs", new { documentNo = $"SO-G-{customerId}", customerId, contractId = $"CT-G-{customerId}", amount = 113_000, signedOn = signed });
        await Document(finance, "invoices", new { documentNo = $"INV-G-{customerId}", customerId, contractId = $"CT-G-{customerId}", amount = 113_000, issuedOn = signed, dueOn = signed.AddDays(60) });
        await Document(finance, "shipments", new { documentNo = $"SH-Y-{customerId}", customerId, contractId = $"CT-Y-{customerId}", amount = 56_500, shippedOn = signed });
        await Document(finance, "shipments", new { documentNo = $"SH-R-{customerId}", customerId, contractId = $"CT-R-{customerId}", amount = 22_600, shippedOn = signed });
        await Document(finance, "sign-offs", new { documentNo = $"SO-R-{customerId}", customerId, contractId = $"CT-R-{customerId}", amount = 22_600, signedOn = signed });
        await Document(finance, "invoices", new { documentNo = $"INV-R-{customerId}", customerId, contractId = $"CT-R-{customerId}", amount = 23_600, issuedOn = signed, dueOn = signed.AddDays(60) });

        var board = await finance.GetFromJsonAsync<JsonElement>($"/api/three-way-match?from={Month}&to={Month}&customerId={customerId}", Cancellation);
        var lines = board.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("lineKey").GetString()!, l => l.GetProperty("status").GetString());
        Assert.Equal("green", lines[$"CT-G-{customerId}"]);
        Assert.Equal("yellow", lines[$"CT-Y-{customerId}"]);
        Assert.Equal("red", lines[$"CT-R-{customerId}"]);
        var month = Assert.Single(board.GetProperty("months").EnumerateArray());
        Assert.Equal((1, 1, 1), (month.GetProperty("green").GetInt32(), month.GetProperty("yellow").GetInt32(), month.GetProperty("red").GetInt32()));

        var drill = await rep.GetFromJsonAsync<JsonElement>($"/api/three-way-match/contract/CT-R-{customerId}", Cancellation);
        Assert.Equal(["invoice-differs"], drill.GetProperty("line").GetProperty("findings").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(
            [("shipment", 22_600m), ("sign-off", 22_600m), ("invoice", 23_600m)],
            drill.GetProperty("contract").GetProperty("documents").EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("amount").GetDecimal())));

        var csv = await finance.GetStringAsync($"/api/three-way-match/export?from={Month}&to={Month}&customerId={customerId}", Cancellation);
        Assert.Contains($"contract,CT-R-{customerId},CT-R-{customerId},,,red,invoice-differs,22600.00,22600.00,22600.00,23600.00,0.00,0.00", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task Documents_are_finance_s_a_shipments_file_adds_nothing_the_second_time_and_a_conflict_names_the_document()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "南京华瑞医疗器械有限公司", 1_000_000, 0);
        using var rep = await CreditStory.B2bRep(chain.CommandCenter);
        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        await Expect(rep, "/api/contracts", new { contractId = $"CT-{customerId}", customerId, net = 10_000, signedOn = Today }, HttpStatusCode.Created);

        using var byRep = await rep.PostAsJsonAsync("/api/contract-documents/shipments", new { documentNo = $"SH-{customerId}", customerId, contractId = $"CT-{customerId}", amount = 11_300, shippedOn = Today }, Cancellation);
        var file = $"document_no,customer_id,contract_id,amount,shipped_on\nSH-{customerId},{customerId},CT-{customerId},11300.00,{Today:yyyy-MM-dd}\n";
        var first = await Import(finance, file);
        var again = await Import(finance, file);
        var conflicting = await Import(finance, file.Replace("11300.00", "11900.00", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, byRep.StatusCode);
        Assert.Equal("credit-ledger-keeper", (await byRep.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("rule").GetString());
        Assert.Equal((1, 0), (first.GetProperty("recorded").GetInt32(), first.GetProperty("alreadyRecorded").GetInt32()));
        Assert.Equal((0, 1), (again.GetProperty("recorded").GetInt32(), again.GetProperty("alreadyRecorded").GetInt32()));
        var refused = Assert.Single(conflicting.GetProperty("rejected").EnumerateArray());
        Assert.Equal((2, $"SH-{customerId}", "changed-figures"), (refused.GetProperty("line").GetInt32(), refused.GetProperty("documentNo").GetString(), refused.GetProperty("rule").GetString()));
    }

    [Theory]
    [InlineData(CreditStory.Finance, HttpStatusCode.OK)]
    [InlineData(DemoLogins.Hq, HttpStatusCode.OK)]
    [InlineData(DemoLogins.Sh001Rep, HttpStatusCode.NotFound)]   // another rep's customer
    [InlineData(DemoLogins.EastSales, HttpStatusCode.NotFound)]  // leads another team
    public async Task A_customer_s_contracts_and_board_lines_are_unknown_outside_its_scope(string user, HttpStatusCode expected)
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "杭州安泰医疗科技有限公司", 1_000_000, 0);
        using (var rep = await CreditStory.B2bRep(chain.CommandCenter))
        {
            await Expect(rep, "/api/contracts", new { contractId = $"CT-S-{customerId}", customerId, net = 10_000, signedOn = Today }, HttpStatusCode.Created);
        }

        using var http = await chain.CommandCenter.CreateSignedInClient(user);
        using var list = await http.GetAsync($"/api/customers/{customerId}/contracts", Cancellation);
        using var one = await http.GetAsync($"/api/contracts/CT-S-{customerId}", Cancellation);
        using var drill = await http.GetAsync($"/api/three-way-match/contract/CT-S-{customerId}", Cancellation);
        var board = await http.GetFromJsonAsync<JsonElement>($"/api/three-way-match?from={Month}&to={Month}&customerId={customerId}", Cancellation);
        using var record = await http.PostAsJsonAsync("/api/contracts", new { contractId = $"CT-X-{customerId}", customerId, net = 1, signedOn = Today }, Cancellation);

        Assert.Equal([expected, expected, expected], new[] { list.StatusCode, one.StatusCode, drill.StatusCode });
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, board.GetProperty("lines").GetArrayLength());
        // Seeing is not signing: HQ sees the contract but only finance, the owner rep and the team's manager keep one.
        Assert.Equal(
            user == CreditStory.Finance ? HttpStatusCode.Created : expected == HttpStatusCode.OK ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound,
            record.StatusCode);
    }

    [Fact]
    public async Task A_contract_recorded_with_lines_shows_each_line_on_the_board_with_its_own_documents_drill_down_and_export()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "上海仁和医疗设备有限公司", 1_000_000, 0);
        using var rep = await CreditStory.B2bRep(chain.CommandCenter);
        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        var signed = new DateOnly(Today.Year, Today.Month, 1);
        var contractId = $"CT-LINES-{customerId}";
        await Expect(rep, "/api/contracts", new { contractId, customerId, net = 1m, signedOn = signed, lines = new[] { new { item = "PUMP", quantity = 2m, unitPrice = 10m } } }, HttpStatusCode.BadRequest);
        await Expect(
            rep, "/api/contracts",
            new { contractId, customerId, paymentTerms = "net60", signedOn = signed, lines = new object[] { new { item = "PUMP", quantity = 4m, unitPrice = 12_500m }, new { item = "SET", description = "Infusion sets", quantity = 200m, unitPrice = 150m, amount = 30_000m } } },
            HttpStatusCode.Created);
        await Document(finance, "shipments", new { documentNo = $"SH-LN1-{customerId}", customerId, contractId, lineNo = 1, amount = 56_500, shippedOn = signed });
        await Document(finance, "sign-offs", new { documentNo = $"SO-LN1-{customerId}", customerId, contractId, lineNo = 1, amount = 56_500, signedOn = signed });
        await Document(finance, "invoices", new { documentNo = $"INV-LN1-{customerId}", customerId, contractId, lineNo = 1, amount = 56_500, issuedOn = signed, dueOn = signed.AddDays(60) });
        await Document(finance, "shipments", new { documentNo = $"SH-LN2-{customerId}", customerId, contractId, lineNo = 2, amount = 33_900, shippedOn = signed });
        using (var unknown = await finance.PostAsJsonAsync("/api/contract-documents/shipments", new { documentNo = $"SH-LN9-{customerId}", customerId, contractId, lineNo = 9, amount = 1, shippedOn = signed }, Cancellation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("lineNo", await unknown.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        var board = await finance.GetFromJsonAsync<JsonElement>($"/api/three-way-match?from={Month}&to={Month}&customerId={customerId}", Cancellation);
        Assert.Equal(
            [($"{contractId}:1", "contract-line", "green", "PUMP"), ($"{contractId}:2", "contract-line", "yellow", "SET")],
            board.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("lineKey").GetString(), l.GetProperty("lineKind").GetString(), l.GetProperty("status").GetString(), l.GetProperty("item").GetString())));
        var drill = await rep.GetFromJsonAsync<JsonElement>($"/api/three-way-match/contract-line/{contractId}:2", Cancellation);
        Assert.Equal([("shipment", 33_900m)], drill.GetProperty("contract").GetProperty("documents").EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("amount").GetDecimal())));
        Assert.Equal(33_900m, drill.GetProperty("contractLine").GetProperty("gross").GetDecimal());
        var contract = await rep.GetFromJsonAsync<JsonElement>($"/api/contracts/{contractId}", Cancellation);
        Assert.Equal((80_000m, 90_400m, 2), (contract.GetProperty("net").GetDecimal(), contract.GetProperty("gross").GetDecimal(), contract.GetProperty("lines").GetArrayLength()));
        var csv = await finance.GetStringAsync($"/api/three-way-match/export?from={Month}&to={Month}&customerId={customerId}", Cancellation);
        Assert.Contains($"contract-line,{contractId}:2,{contractId},2,SET,yellow,sign-off-missing;invoice-missing,33900.00,33900.00,0.00,0.00,0.00,0.00", csv, StringComparison.Ordinal);
    }

    private static async Task Expect(HttpClient http, string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body, Cancellation);
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
    }

    private static Task Document(HttpClient finance, string kind, object body) => Expect(finance, $"/api/contract-documents/{kind}", body, HttpStatusCode.Created);

    private static async Task<JsonElement> Import(HttpClient finance, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await finance.PostAsync("/api/contract-documents/shipments/import", content, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }
}
