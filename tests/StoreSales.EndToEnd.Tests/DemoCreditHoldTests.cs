using StoreSales.Data.Demo;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The demo's held order is in the supervisor's inbox like a live hold: the silo seeds the demo chain (its credit story
/// among it) and, once running, raises <c>credit-hold</c> through the same alerts a placed order raises.
/// </summary>
public sealed class DemoCreditHoldTests
{
    [Fact]
    public async Task The_seeded_held_order_has_its_credit_hold_alert_for_the_regions_supervisor()
    {
        await using var database = await TestDatabase.Create("democredit");
        await using var silo = await SiloUnderTest.Start(database, "democredit-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>
        {
            ["Demo:ChainFile"] = RepositoryPaths.DemoChain,
            ["Demo:ItemsFile"] = RepositoryPaths.DemoItems,
            ["Demo:HistoryWeeks"] = "1",
            ["Demo:HistoryMonths"] = "0",
            ["Demo:Opportunities"] = "false",
        });
        var customer = await Text(database, "SELECT customer_id FROM sales_order WHERE order_id = @id AND status = 'held'", new { id = DemoCredit.HeldOrderId });

        await Eventually.Holds(
            async () => await database.Count(
                "SELECT count(*) FROM intervention WHERE condition = 'credit-hold' AND subject_id = @customer AND assignee LIKE 'supervisor:%' AND status <> 'resolved'",
                new { customer }) == 1,
            "the demo's held order raised credit-hold for its supervisor",
            cancellationToken: TestContext.Current.CancellationToken);
        var evidence = await Text(database, "SELECT evidence::text FROM intervention WHERE condition = 'credit-hold' AND subject_id = @customer", new { customer });
        Assert.Contains($"Order {DemoCredit.HeldOrderId}", evidence, StringComparison.Ordinal);
        Assert.Contains("Recent payments: ", evidence, StringComparison.Ordinal);
    }

    private static async Task<string> Text(TestDatabase database, string sql, object parameters)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await Dapper.SqlMapper.QuerySingleAsync<string>(connection, sql, parameters);
    }
}
