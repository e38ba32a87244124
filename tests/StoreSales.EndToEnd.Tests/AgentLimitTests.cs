using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Upload;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// The agent against a silo's Limits (issue 12), set low in the silo's configuration: a 429 is "busy" (the agent waits
/// the Retry-After and sends again, nothing set aside, nothing lost); a 413 halves the batch, and a single sale too large
/// for the server is set aside with the server's reason while the rest goes through; scans are halved the same way (a
/// scan too large is dropped with the reason) and a Z report too large is kept as refused with it.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class AgentLimitTests(AgentLimitTests.LimitedChain chain) : IClassFixture<AgentLimitTests.LimitedChain>
{
    private const int StorePermits = 4;
    private const long IngestBytes = 8192;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Told_to_wait_the_agent_waits_and_loses_nothing()
    {
        using var refusals = new LimitRefusals(chain.Silo.Services);
        using var directory = new TempDirectory();
        var agent = await InProcessAgent.Start(chain.Silo, "store-sh001", directory.File("outbox.db"), new Dictionary<string, string?>
        {
            ["Agent:StoreKey"] = "demo-key-store-sh001",
            ["Agent:BatchSize"] = "5",
        }, Cancellation);
        try
        {
            // 40 sales in batches of 5: eight posts (and heartbeats) against 4 a window: the agent must wait more than once.
            agent.Sell("A01", 40);

            await Eventually.Holds(() => agent.Outbox().Queue.Depth == 0, "the agent sent every sale, waiting when told", TimeSpan.FromSeconds(60), Cancellation);

            Assert.Equal(40, await chain.Database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh001' AND terminal_id = 'A01'"));
            Assert.Equal(0, agent.Outbox().Rejected.Count);
            Assert.Contains(("Limits:StoreRequestsPerWindow", 429), refusals.Seen);
            Assert.True(agent.Services.GetRequiredService<UploadCounters>().Failures > 0, "the agent counted the waits");
        }
        finally
        {
            await agent.Stop();
        }
    }

    [Fact]
    public async Task A_batch_too_large_is_sent_in_halves_and_a_sale_too_large_alone_is_set_aside_with_the_reason()
    {
        using var refusals = new LimitRefusals(chain.Silo.Services);
        using var directory = new TempDirectory();
        var agent = await InProcessAgent.Start(chain.Silo, "store-sh002", directory.File("outbox.db"), new Dictionary<string, string?>
        {
            ["Agent:StoreKey"] = "demo-key-store-sh002",
            ["Agent:BatchSize"] = "200",
        }, Cancellation);
        try
        {
            // 60 sales of 3 lines are some 30 KB together, a few hundred bytes each; one sale of 150 lines is over 8 KiB alone.
            agent.Sell("B01", 60, lines: 3);
            agent.Sell("B02", 1, lines: 150);

            await Eventually.Holds(() => agent.Outbox().Queue.Depth == 0, "the agent settled every sale", TimeSpan.FromSeconds(60), Cancellation);

            Assert.Equal(60, await chain.Database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh002' AND terminal_id = 'B01'"));
            Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM sale WHERE store_id = 'store-sh002' AND terminal_id = 'B02'"));
            var setAside = Assert.Single(agent.Outbox().Rejected.Read());
            Assert.Equal("B02", setAside.Sale.TerminalId);
            Assert.Contains("Limits:MaxIngestBodyBytes", setAside.Reason, StringComparison.Ordinal);
            Assert.Contains(("Limits:MaxIngestBodyBytes", 413), refusals.Seen);
        }
        finally
        {
            await agent.Stop();
        }
    }

    [Fact]
    public async Task Scans_too_many_for_a_batch_go_in_halves_a_scan_or_a_Z_report_too_large_is_set_aside_with_the_reason()
    {
        using var refusals = new LimitRefusals(chain.Silo.Services);
        using var directory = new TempDirectory();
        var agent = await InProcessAgent.Start(chain.Silo, "store-hz001", directory.File("outbox.db"), new Dictionary<string, string?>
        {
            ["Agent:StoreKey"] = "demo-key-store-hz001",
            ["Agent:BatchSize"] = "200",
        }, Cancellation);
        try
        {
            // 200 scans are some 30 KB in one batch (over 8 KiB), 25 are under it; one scan's code alone is over 8 KiB, as is one Z's number.
            var at = DateTimeOffset.UtcNow;
            agent.Outbox().Scans.Append([.. Enumerable.Range(1, 200).Select(i => Scan("S01", at.AddMilliseconds(i), "6920433218190"))]);
            agent.Outbox().Scans.Append([Scan("S02", at, new string('9', 9000))]);
            Assert.True(agent.Outbox().DayEnd.AppendZ(new ZReportRecord { TerminalId = "Z01", BusinessDay = DateOnly.FromDateTime(at.UtcDateTime), ZNumber = new string('Z', 9000), ClosedAt = at, CapturedAt = at }));

            await Eventually.Holds(
                () => agent.Outbox().Scans.Depth == 0 && agent.Outbox().DayEnd.PendingCount == 0,
                "the agent settled every scan and the Z report",
                TimeSpan.FromSeconds(60),
                Cancellation);

            Assert.Equal(200, await chain.Database.Count("SELECT count(*) FROM scan_event WHERE store_id = 'store-hz001' AND terminal_id = 'S01'"));
            Assert.Equal(0, await chain.Database.Count("SELECT count(*) FROM scan_event WHERE store_id = 'store-hz001' AND terminal_id = 'S02'"));
            Assert.Equal(1, agent.Services.GetRequiredService<ScanCounters>().Rejected);
            var z = Assert.Single(agent.Outbox().DayEnd.ReadAll());
            Assert.Equal(("Z01", "rejected"), (z.Report.TerminalId, z.State));
            Assert.Contains("Limits:MaxIngestBodyBytes", z.Reason, StringComparison.Ordinal);
            // Halved, not resent one by one: 200, 100 and 50 refused, 25 taken; then the scan alone and the Z (one by one
            // would have been 200 posts against 4 a window, and far more refusals).
            Assert.Equal(5, refusals.Seen.Count(r => r == ("Limits:MaxIngestBodyBytes", 413)));
        }
        finally
        {
            await agent.Stop();
        }
    }

    private static ScanRecord Scan(string terminal, DateTimeOffset at, string code) =>
        new() { TerminalId = terminal, ScannedAt = at, Code = code, Symbology = "]E0", Kind = ScanKinds.Gtin };

    /// <summary>The demo chain on a silo allowing a store 4 requests per 2 s and batches of 8 KiB.</summary>
    public sealed class LimitedChain : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;

        public SiloUnderTest Silo { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Database = await TestDatabase.Create("agentlimits");
            Silo = await SiloUnderTest.Start(Database, "agentlimits-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>
            {
                ["Limits:StoreRequestsPerWindow"] = StorePermits.ToString(CultureInfo.InvariantCulture),
                ["Limits:StoreWindow"] = "00:00:02",
                ["Limits:MaxIngestBodyBytes"] = IngestBytes.ToString(CultureInfo.InvariantCulture),
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (Silo is not null)
            {
                await Silo.DisposeAsync();
            }

            if (Database is not null)
            {
                await Database.DisposeAsync();
            }
        }
    }
}
