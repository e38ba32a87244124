using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The three-way match is live (docs/domain.md "Contract to cash", "The live side"): the customer's grain holds its
/// green / yellow / red counts per month, and a document recorded on one command-center host — by the API or an ERP file —
/// reaches a real SignalR client joined to the customer on the other host with the customer's new status. Who does not
/// see the customer cannot join, as the API answers 404.
/// </summary>
public sealed class LiveMatchStatusTests(TwoCommandCentersFixture chain) : IClassFixture<TwoCommandCentersFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateOnly ThisMonth => new(Today.Year, Today.Month, 1);

    [Fact]
    public async Task An_invoice_recorded_on_one_host_reaches_a_client_on_the_other_with_the_customer_s_new_status()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "苏州恒瑞医疗器械有限公司", 1_000_000, 0);
        using var rep = await CreditStory.B2bRep(chain.CommandCenter);
        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        var contractId = $"CT-LIVE-{customerId}";
        await using var onOther = await chain.Other.CreateSignedInHubConnection(CreditStory.Finance);
        var heard = HubInbox.Of(onOther, "MatchStatusChanged");
        await onOther.StartAsync(Cancellation);
        // The account's credit story has lines of its own (receivables with no contract): the contract's line comes on top.
        var before = Counts(await onOther.InvokeAsync<JsonElement>("JoinCustomerMatch", customerId, Cancellation));

        await Expect(rep, "/api/contracts", new { contractId, customerId, net = 10_000, paymentTerms = "net60", signedOn = ThisMonth }, HttpStatusCode.Created);
        await Document(finance, "shipments", new { documentNo = $"SH-LIVE-{customerId}", customerId, contractId, amount = 11_300, shippedOn = ThisMonth });
        await Document(finance, "sign-offs", new { documentNo = $"SO-LIVE-{customerId}", customerId, contractId, amount = 11_300, signedOn = ThisMonth });
        // Shipped and signed for, not invoiced: a document missing.
        await heard.Heard(m => m.GetProperty("customerId").GetString() == customerId && Counts(m) == Plus(before, (0, 1, 0)));
        Assert.Equal(Plus(before, (0, 1, 0)), Counts(await onOther.InvokeAsync<JsonElement>("JoinCustomerMatch", customerId, Cancellation)));

        await Document(finance, "invoices", new { documentNo = $"INV-LIVE-{customerId}", customerId, contractId, amount = 11_300, issuedOn = ThisMonth, dueOn = ThisMonth.AddDays(60) });
        var invoiced = await heard.Heard(m => m.GetProperty("customerId").GetString() == customerId && Counts(m) == Plus(before, (1, 0, 0)));
        var month = invoiced.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetString() == ThisMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.True(month.GetProperty("green").GetInt32() >= 1, month.ToString());

        // The ERP's payments file: 20,000 paid against 11,300 invoiced is overpaid, red.
        var csv = $"document_no,customer_id,amount,paid_at,contract_id\nPAY-LIVE-{customerId},{customerId},20000,{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ},{contractId}\n";
        using (var content = new StringContent(csv, Encoding.UTF8, "text/csv"))
        using (var imported = await finance.PostAsync("/api/contract-documents/payments/import", content, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        await heard.Heard(m => m.GetProperty("customerId").GetString() == customerId && Counts(m) == Plus(before, (0, 0, 1)));
        var now = await onOther.InvokeAsync<JsonElement>("JoinCustomerMatch", customerId, Cancellation);
        Assert.Equal(Plus(before, (0, 0, 1)), Counts(now));
    }

    [Fact]
    public async Task A_receivable_or_payment_kept_through_the_credit_api_reaches_a_client_joined_to_the_customer_at_once()
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "常州康达医疗器械有限公司", 1_000_000, 0);
        using var finance = await chain.CommandCenter.CreateSignedInClient(CreditStory.Finance);
        await using var onOther = await chain.Other.CreateSignedInHubConnection(CreditStory.Finance);
        var heard = HubInbox.Of(onOther, "MatchStatusChanged");
        await onOther.StartAsync(Cancellation);
        var before = Counts(await onOther.InvokeAsync<JsonElement>("JoinCustomerMatch", customerId, Cancellation));

        // A receivable naming no contract is a board line of its own, a document missing (yellow) …
        await Expect(finance, "/api/credit/receivables", new { documentNo = $"AR-CR-{customerId}", customerId, amount = 5_000, issuedOn = Today, dueOn = Today.AddDays(30) }, HttpStatusCode.Created);
        await heard.Heard(m => m.GetProperty("customerId").GetString() == customerId && Counts(m) == Plus(before, (0, 1, 0)));

        // … a payment naming none is paid without a contract (red) …
        await Expect(finance, "/api/credit/payments", new { documentNo = $"PAY-CR-{customerId}", customerId, amount = 2_000, paidAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, HttpStatusCode.Created);
        await heard.Heard(m => m.GetProperty("customerId").GetString() == customerId && Counts(m) == Plus(before, (0, 1, 1)));

        // … and the credit import's receivables file is told the same way.
        var csv = $"document_no,customer_id,amount,issued_on,due_on\nAR-CR2-{customerId},{customerId},7000,{Today:yyyy-MM-dd},{Today.AddDays(30):yyyy-MM-dd}\n";
        using (var content = new StringContent(csv, Encoding.UTF8, "text/csv"))
        using (var imported = await finance.PostAsync("/api/credit/receivables/import", content, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        await heard.Heard(m => m.GetProperty("customerId").GetString() == customerId && Counts(m) == Plus(before, (0, 2, 1)));
        Assert.Equal(Plus(before, (0, 2, 1)), Counts(await onOther.InvokeAsync<JsonElement>("JoinCustomerMatch", customerId, Cancellation)));
    }

    [Theory]
    [InlineData(DemoLogins.Sh001Rep)]   // another rep's customer
    [InlineData(DemoLogins.EastSales)]  // leads another team
    public async Task Who_does_not_see_the_customer_cannot_join_its_status(string user)
    {
        var customerId = await CreditStory.Account(chain.CommandCenter, "无锡华东医药器械有限公司", 1_000_000, 0);
        await using var hub = await chain.Other.CreateSignedInHubConnection(user);
        await hub.StartAsync(Cancellation);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("JoinCustomerMatch", customerId, Cancellation));
        Assert.Contains($"Unknown customer '{customerId}'", refused.Message, StringComparison.Ordinal);
    }

    private static (int Green, int Yellow, int Red) Plus((int Green, int Yellow, int Red) a, (int Green, int Yellow, int Red) b) =>
        (a.Green + b.Green, a.Yellow + b.Yellow, a.Red + b.Red);

    private static (int Green, int Yellow, int Red) Counts(JsonElement status) =>
        status.GetProperty("months").EnumerateArray()
            .Aggregate((0, 0, 0), (sum, m) => (sum.Item1 + m.GetProperty("green").GetInt32(), sum.Item2 + m.GetProperty("yellow").GetInt32(), sum.Item3 + m.GetProperty("red").GetInt32()));

    private static async Task Expect(HttpClient http, string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body, Cancellation);
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
    }

    private static Task Document(HttpClient finance, string kind, object body) => Expect(finance, $"/api/contract-documents/{kind}", body, HttpStatusCode.Created);
}
