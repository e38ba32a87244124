using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using StoreSales.CommandCenter.Access;
using StoreSales.Domain.Access;

namespace StoreSales.Testing;

/// <summary>
/// A B2B customer's credit story made the way people make it, through the command center's API: an administrator creates
/// the account for the demo store's B2B rep, finance sets its limit and keeps its receivables and payments, the rep places
/// orders. Dates are the real today's (the command center counts overdue by its own clock).
/// </summary>
public static class CreditStory
{
    /// <summary>The demo finance sign-in (chain-wide; releases held orders).</summary>
    public const string Finance = "finance";

    /// <summary>A B2B rep of the demo store (added by <see cref="B2bRep"/>), owner of the accounts made here.</summary>
    public const string B2bRepUser = "sh001.b2b.rep";

    public const string B2bRepId = "rep-sh001-b2b-01";
    public const string B2bTeam = "dept-east-b2b";

    private static int _serial;

    private static CancellationToken Cancellation => CancellationToken.None;

    /// <summary>The B2B rep's signed-in client (the sign-in is added once per command center).</summary>
    public static async Task<HttpClient> B2bRep(CommandCenterUnderTest commandCenter)
    {
        await commandCenter.EnsureStaff(
            B2bRepUser,
            ChainRoles.SalesRep,
            new Claim(ScopeClaims.Store, "store-sh001"),
            new Claim(ScopeClaims.Rep, B2bRepId),
            new Claim(ScopeClaims.Department, B2bTeam));
        return await commandCenter.CreateSignedInClient(B2bRepUser);
    }

    /// <summary>
    /// An account of the B2B rep with a limit and one receivable of <paramref name="overdue"/> due ten days ago (none when
    /// zero), and a payment of ¥50,000 on account made 40 days ago against an older, settled receivable.
    /// </summary>
    public static async Task<string> Account(CommandCenterUnderTest commandCenter, string name, decimal limit, decimal overdue)
    {
        var serial = Interlocked.Increment(ref _serial);
        var unique = $"{name} {Environment.ProcessId % 1000:D3}{serial:D3}";
        using var admin = await commandCenter.CreateSignedInClient(DemoLogins.Admin);
        var created = await Expect(
            await admin.PostAsJsonAsync("/api/customers", new { kind = "account", name = unique, ownerRepId = B2bRepId, departmentId = B2bTeam }, Cancellation),
            HttpStatusCode.Created);
        var customerId = created.GetProperty("customerId").GetString()!;

        using var finance = await commandCenter.CreateSignedInClient(Finance);
        await Expect(await finance.PutAsJsonAsync($"/api/customers/{customerId}/credit-limit", new { limit }, Cancellation), HttpStatusCode.OK);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Expect(
            await finance.PostAsJsonAsync("/api/credit/receivables", new { documentNo = $"AR-{customerId}-0", customerId, amount = 50_000m, issuedOn = today.AddDays(-80), dueOn = today.AddDays(-50) }, Cancellation),
            HttpStatusCode.Created);
        await Expect(
            await finance.PostAsJsonAsync("/api/credit/payments", new { documentNo = $"PAY-{customerId}-0", customerId, amount = 50_000m, paidAt = DateTimeOffset.UtcNow.AddDays(-40) }, Cancellation),
            HttpStatusCode.Created);
        if (overdue > 0)
        {
            await Expect(
                await finance.PostAsJsonAsync("/api/credit/receivables", new { documentNo = $"AR-{customerId}-1", customerId, amount = overdue, issuedOn = today.AddDays(-40), dueOn = today.AddDays(-10) }, Cancellation),
                HttpStatusCode.Created);
        }

        return customerId;
    }

    /// <summary>Places an order of one line through <paramref name="rep"/>; the answer's body.</summary>
    public static async Task<JsonElement> PlaceOrder(HttpClient rep, string orderId, string customerId, decimal amount) =>
        await Expect(
            await rep.PostAsJsonAsync("/api/orders", new { orderId, customerId, lines = new[] { new { itemId = "SKU-PUMP", quantity = 1, unitPrice = amount } } }, Cancellation),
            HttpStatusCode.Created);

    private static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            return response.StatusCode == status
                ? body
                : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        }
    }
}
