using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Contracts.Ingest;
using StoreSales.Domain.Sales;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Devices.Till;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Simulator;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Till;

/// <summary>The till's day-end report (Z): parsed in both forms, captured by the till adapter into the outbox, held back until its sales are gone.</summary>
public sealed class TillZReportTests
{
    private const string PipeZ = "Z|Z-0042|2025-06-01|2025-06-01T22:05:00+08:00|2|44.90|-3.50|1|cash:35.90,wechat:5.50";
    private const string JsonZ = """{"type":"z","zNumber":"Z-0042","businessDay":"2025-06-01","time":"2025-06-01T22:05:00+08:00","count":2,"gross":"44.90","returns":-3.50,"voids":1,"tenders":[{"method":"cash","amount":35.90},{"method":"WeChat","amount":5.50}]}""";

    [Fact]
    public void The_pipe_and_the_JSON_form_read_as_the_same_Z()
    {
        Assert.True(TillLineParser.TryParse(PipeZ, out var pipe, out var pipeError), pipeError);
        Assert.True(TillLineParser.TryParse(JsonZ, out var json, out var jsonError), jsonError);

        var z = Assert.IsType<TillZReport>(pipe);
        Assert.Equal(("Z-0042", new DateOnly(2025, 6, 1), 2, 44.90m, -3.50m, 1), (z.ZNumber, z.BusinessDay, z.Count, z.Gross, z.Returns, z.Voids));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 22, 5, 0, TimeSpan.FromHours(8)), z.ClosedAt);
        Assert.Equal([("cash", 35.90m), ("wechat", 5.50m)], z.Tenders.Select(t => (t.Method, t.Amount)));
        var fromJson = Assert.IsType<TillZReport>(json);
        Assert.Equal(z with { Tenders = [] }, fromJson with { Tenders = [] });
        Assert.Equal(z.Tenders, fromJson.Tenders);
    }

    [Theory]
    [InlineData("Z|Z1|2025-06-01|2025-06-01T22:05:00+08:00|2|44.90|0|0", "9 are needed")]
    [InlineData("Z|Z1|01/06/2025|2025-06-01T22:05:00+08:00|2|44.90|0|0|", "bad business day")]
    [InlineData("Z|Z1|2025-06-01|2025-06-01T22:05:00|2|44.90|0|0|", "bad time")]
    [InlineData("Z|Z1|2025-06-01|2025-06-01T22:05:00+08:00|-2|44.90|0|0|", "bad count")]
    [InlineData("Z|Z1|2025-06-01|2025-06-01T22:05:00+08:00|2|44.90|0|1.5|", "bad voids")]
    [InlineData("""{"type":"z","businessDay":"2025-06-01","time":"2025-06-01T22:05:00+08:00","count":2,"gross":1,"returns":0,"voids":0}""", "missing tenders")]
    [InlineData("""{"type":"z","businessDay":"2025-06-01","time":"2025-06-01T22:05:00+08:00","count":"two","gross":1,"returns":0,"voids":0,"tenders":[]}""", "bad count")]
    public void A_bad_Z_is_malformed_with_the_reason(string text, string reason)
    {
        Assert.False(TillLineParser.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_till_adapter_stores_the_Z_with_the_terminals_last_sequence_and_it_waits_for_its_sales()
    {
        using var dir = new TempDirectory();
        using var outbox = new SqliteOutbox(dir.File("outbox.db"));
        var adapter = new TillAdapter(
            new TerminalOptions { TerminalId = "T01", TillPort = "/nonexistent" },
            new AgentOptions { StoreId = "store-test" },
            outbox.Queue,
            NullLogger<TillAdapter>.Instance,
            TimeProvider.System,
            outbox.Journal,
            outbox.DayEnd);
        var stream = string.Join('\n',
            "S|sale|R-1|2025-06-01T10:15:30+08:00|C07||",
            "L|6920433218190|2|3.50|0|7.00",
            "T|7.00|cash:7.00",
            "Z|Z-0042|2025-06-01|2025-06-01T22:05:00+08:00|1|7.00|0|0|cash:7.00",
            // The till prints its Z again: the first one stays.
            "Z|Z-0042|2025-06-01|2025-06-01T22:06:00+08:00|1|7.00|0|0|cash:7.00",
            "");

        await adapter.OnDataAsync(System.Text.Encoding.UTF8.GetBytes(stream), TestContext.Current.CancellationToken);

        var stored = Assert.Single(outbox.DayEnd.ReadAll());
        var first = TerminalEpoch.Sequence(outbox.Queue.Epoch, 1);
        Assert.Equal(("T01", new DateOnly(2025, 6, 1), first, "pending"), (stored.Report.TerminalId, stored.Report.BusinessDay, stored.Report.LastSequence, stored.State));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 22, 5, 0, TimeSpan.FromHours(8)), stored.Report.ClosedAt);
        var counters = adapter.Snapshot().Counters;
        Assert.Equal((1L, 1L, 0L), (counters[TillCounters.ZReports], counters[TillCounters.ZRepeats], counters[TillCounters.Malformed]));

        // Its sale (the epoch's first) still waits for upload: the Z is not ready; once the sale is acked it is.
        Assert.Empty(outbox.DayEnd.PeekReady());
        outbox.Queue.Remove([new SaleKey("T01", first)]);
        var ready = Assert.Single(outbox.DayEnd.PeekReady());
        Assert.Equal(7.00m, ready.Report.Gross);
        outbox.DayEnd.Acked(ready.Id);
        Assert.Equal(0, outbox.DayEnd.PendingCount);
    }

    [Fact]
    public void The_simulators_Z_adds_up_its_sales_and_reads_the_same_in_both_forms()
    {
        var generator = new SaleGenerator([new("6920433218190", "Jasmine tea", 3.50m), new("6993503056411", "Rice, 5kg", 39.90m)], "T01", new Random(3));
        var tally = new DayEndTally("T01");
        var morning = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var sales = Enumerable.Range(0, 25).Select(i => generator.Next(morning.AddMinutes(i))).ToList();
        sales.ForEach(tally.Add);

        var pipe = tally.CloseDay(morning.AddHours(13)).ToPipeLine();

        Assert.True(TillLineParser.TryParse(pipe, out var fromPipe, out var error), error);
        Assert.True(TillLineParser.TryParse(TillJsonLine.FromPipe(pipe), out var fromJson, out error), error);
        var z = Assert.IsType<TillZReport>(fromPipe);
        Assert.Equal((25, sales.Sum(s => s.Total), new DateOnly(2025, 6, 1)), (z.Count, z.Gross, z.BusinessDay));
        Assert.Equal(sales.Sum(s => s.Total), z.Tenders.Sum(t => t.Amount));
        var json = Assert.IsType<TillZReport>(fromJson);
        Assert.Equal(z with { Tenders = [] }, json with { Tenders = [] });
        Assert.Equal(z.Tenders, json.Tenders);
        Assert.Equal(0, tally.Count);
    }

    [Fact]
    public void A_Z_carries_the_sequences_the_server_refused_up_to_it()
    {
        using var dir = new TempDirectory();
        using var outbox = new SqliteOutbox(dir.File("outbox.db"));
        var first = outbox.Queue.Append(Outbox.SqliteOutboxTests.Sale("T01", "a"));
        var second = outbox.Queue.Append(Outbox.SqliteOutboxTests.Sale("T01", "b"));
        outbox.Rejected.Reject(new SaleKey("T01", second), "Invalid sale: total");
        outbox.Queue.Remove([new SaleKey("T01", first)]);

        Assert.True(outbox.DayEnd.AppendZ(new ZReportRecord { TerminalId = "T01", BusinessDay = new DateOnly(2025, 6, 1), Count = 2, Gross = 2m }));

        var ready = Assert.Single(outbox.DayEnd.PeekReady());
        Assert.Equal(second, ready.Report.LastSequence);
        Assert.Equal([second], ready.Report.RejectedSequences);
    }
}
