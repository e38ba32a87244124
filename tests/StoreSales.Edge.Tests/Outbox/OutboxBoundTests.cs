using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StoreSales.Contracts.Health;
using StoreSales.Edge.Configuration;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Status;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Outbox;

public sealed class OutboxBoundTests
{
    [Fact]
    public void Past_its_bound_the_outbox_keeps_every_sale_counts_them_and_the_heartbeat_says_so()
    {
        using var dir = new TempDirectory();
        using var outbox = new SqliteOutbox(dir.File("outbox.db"));

        // A bound 64 KiB above the empty database: a few hundred sales cross the near-full mark, then the bound.
        var options = new AgentOptions { StoreId = "store-test", OutboxMaxBytes = outbox.Database.UsedBytes + 64 * 1024, OutboxNearFullRatio = 0.8 };
        var bound = new OutboxBound(outbox, Options.Create(options), NullLogger<OutboxBound>.Instance);
        var states = new List<OutboxFillState> { bound.Fill().State };
        var appended = 0;
        while (bound.Fill().State != OutboxFillState.OverBound && appended < 5_000)
        {
            bound.Append(SqliteOutboxTests.Sale("T01", $"R{appended++}"));
            states.Add(bound.Fill().State);
        }

        for (var i = 0; i < 10; i++)
        {
            bound.Append(SqliteOutboxTests.Sale("T01", $"R{appended++}"));
        }

        var fill = bound.Fill();
        Assert.Equal([OutboxFillState.Ok, OutboxFillState.NearFull, OutboxFillState.OverBound], states.Distinct());
        Assert.Equal(appended, outbox.Queue.Depth);                        // nothing refused, nothing dropped
        Assert.Equal(outbox.Seq(appended), outbox.Queue.LastSequence("T01"));
        Assert.Equal(OutboxFillState.OverBound, fill.State);
        Assert.True(fill.WritesPastBound >= 10, $"{fill.WritesPastBound} writes past the bound");
        Assert.True(fill.Bytes > options.OutboxMaxBytes);

        var snapshot = new AgentSnapshot("store-test", DateTimeOffset.UtcNow, outbox.Queue.Depth, 0, new UploadSnapshot(0, 0, 0, 0, 0, 0, null, null, null), [], null, fill);
        var heartbeat = HeartbeatSender.ToHeartbeat(snapshot, "pc", "1");
        Assert.Equal((OutboxStates.OverBound, fill.Bytes, options.OutboxMaxBytes, fill.WritesPastBound), (heartbeat.OutboxState, heartbeat.OutboxBytes, heartbeat.OutboxMaxBytes, heartbeat.OutboxWritesPastBound));
    }

    [Fact]
    public async Task The_running_agent_reports_its_outbox_fill_in_the_snapshot()
    {
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(TestAgent.Settings(dir));

        var fill = agent.Status.Snapshot().Outbox;

        Assert.NotNull(fill);
        Assert.Equal((OutboxFillState.Ok, 1L << 30), (fill.State, fill.MaxBytes));
        Assert.True(fill.Bytes > 0);
    }
}
