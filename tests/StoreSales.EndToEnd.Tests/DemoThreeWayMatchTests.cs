using Microsoft.Extensions.Options;
using StoreSales.Data.ContractToCash;
using StoreSales.Data.Demo;
using StoreSales.Domain.ContractToCash;
using StoreSales.Domain.SalesForce;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// What <c>up.sh</c> shows on the three-way match board: the silo seeds the demo chain, and among it a B2B customer whose
/// month has a green, a yellow and a red line and each classic failure named as such (docs/domain.md "Contract to cash").
/// </summary>
public sealed class DemoThreeWayMatchTests
{
    [Fact]
    public async Task The_demo_board_has_a_green_a_yellow_and_a_red_line_and_each_classic_failure()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("demomatch");
        await using var silo = await SiloUnderTest.Start(database, "demomatch-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>
        {
            ["Demo:ChainFile"] = RepositoryPaths.DemoChain,
            ["Demo:ItemsFile"] = RepositoryPaths.DemoItems,
            ["Demo:HistoryWeeks"] = "1",
            ["Demo:HistoryMonths"] = "0",
            ["Demo:Opportunities"] = "false",
        });
        await using var connection = await database.DataSource.OpenConnectionAsync(cancel);
        var customerId = await Dapper.SqlMapper.QuerySingleAsync<string>(connection, "SELECT customer_id FROM contract WHERE contract_id = @id", new { id = DemoContractToCash.Green });
        var calendar = new ChainCalendarOptions();
        var today = ChainCalendar.DateOf(DateTimeOffset.UtcNow, calendar.Zone());
        var month = new DateOnly(today.Year, today.Month, 1);

        var lines = await new ThreeWayMatchReader(database.DataSource, Options.Create(new ContractToCashOptions()), Options.Create(calendar))
            .Read(new MatchQuery(month, month.AddMonths(1), customerId, null), today, cancel);
        var board = lines.ToDictionary(l => l.LineKey, l => (l.Verdict.Status, string.Join(";", l.Verdict.Findings)));

        Assert.Equal((MatchStatus.Green, ""), board[DemoContractToCash.Green]);
        Assert.Equal((MatchStatus.Yellow, MatchFindings.PaymentMissing), board[DemoContractToCash.AwaitingPayment]);
        Assert.Equal((MatchStatus.Yellow, $"{MatchFindings.SignOffMissing};{MatchFindings.InvoiceMissing}"), board[DemoContractToCash.AwaitingSignOff]);
        Assert.Equal((MatchStatus.Red, MatchFindings.InvoiceDiffers), board[DemoContractToCash.InvoiceDiffers]);
        Assert.Equal(MatchStatus.Red, board[DemoContractToCash.InvoicedNotShipped].Status);
        Assert.Contains(MatchFindings.InvoicedNotShipped, board[DemoContractToCash.InvoicedNotShipped].Item2, StringComparison.Ordinal);
        Assert.Equal((MatchStatus.Red, MatchFindings.PaidWithoutContract), board[DemoContractToCash.PaidWithoutContract]);
        Assert.Equal(MatchStatus.Red, board[DemoContractToCash.RebateAsReceivable].Status);
        Assert.Contains(MatchFindings.RebateBookedAsReceivable, board[DemoContractToCash.RebateAsReceivable].Item2, StringComparison.Ordinal);
        // The lined contract: one board line per contract line, and no contract-level line (every document names its line).
        Assert.Equal((MatchStatus.Green, ""), board[$"{DemoContractToCash.Lined}:1"]);
        Assert.Equal((MatchStatus.Yellow, $"{MatchFindings.SignOffMissing};{MatchFindings.InvoiceMissing}"), board[$"{DemoContractToCash.Lined}:2"]);
        Assert.Equal((MatchStatus.Red, MatchFindings.InvoiceDiffers), board[$"{DemoContractToCash.Lined}:3"]);
        Assert.False(board.ContainsKey(DemoContractToCash.Lined));
    }
}
