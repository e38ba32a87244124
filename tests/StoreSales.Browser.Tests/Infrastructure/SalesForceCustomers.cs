using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Data.Pool;
using StoreSales.Testing;

namespace StoreSales.Browser.Tests.Infrastructure;

/// <summary>
/// Customers, leads and pool entries for the sales-force pages, made the way people make them: through the command
/// center's API (an administrator creates, the store's manager assigns), the pool by its own release run.
/// </summary>
public static class SalesForceCustomers
{
    /// <summary>The demo store's own team (the demo rep and manager belong to it by their store).</summary>
    public const string Team = "store-sh001";

    private static int _serial;

    /// <summary>A member customer of <see cref="Team"/> owned by <paramref name="ownerRepId"/>; returns its id.</summary>
    public static async Task<string> Create(BrowserFixture fixture, string ownerRepId, string name)
    {
        using var admin = await fixture.CommandCenter.CreateSignedInClient(DemoLogins.Admin);
        using var response = await admin.PostAsJsonAsync("/api/customers", new { kind = "member", name, phone = NextPhone(), ownerRepId, departmentId = Team }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("customerId").GetString()!;
    }

    /// <summary>The store's manager gives the customer to the rep as a lead, through <paramref name="manager"/>'s command center.</summary>
    public static async Task AssignLead(HttpClient manager, string customerId, string repId)
    {
        using var response = await manager.PostAsJsonAsync("/api/leads", new { customerId, repId }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Makes the customer look created <paramref name="days"/> days ago, with nothing done since.</summary>
    public static async Task Idle(BrowserFixture fixture, string customerId, int days)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE customer SET created_at = now() - make_interval(days => @days) WHERE customer_id = @customerId",
            new { customerId, days },
            cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>Makes the customers 60 days idle and runs the pool's release, as the hourly schedule would.</summary>
    public static async Task ToPool(BrowserFixture fixture, params string[] customerIds)
    {
        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE customer SET created_at = now() - interval '60 days' WHERE customer_id = ANY(@customerIds)",
                new { customerIds },
                cancellationToken: TestContext.Current.CancellationToken));
        }

        var released = await fixture.CommandCenter.Services.GetRequiredService<PoolRelease>().Run(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        Assert.All(customerIds, id => Assert.Contains(id, released));
    }

    /// <summary>A mainland mobile number, different for every call in this process and from other processes' tests.</summary>
    private static string NextPhone() => $"+86135{(Environment.ProcessId % 100 * 1_000_000) + Interlocked.Increment(ref _serial):D8}";
}
