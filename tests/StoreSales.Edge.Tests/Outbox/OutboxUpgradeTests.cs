using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Tests.Infrastructure;
using StoreSales.Testing;

namespace StoreSales.Edge.Tests.Outbox;

/// <summary>
/// An agent that ran for months upgrades its outbox in place: a database written by the agents shipped before the
/// schema was versioned (<c>PRAGMA user_version</c> 0) opens with nothing lost, and everything in it still goes up.
/// </summary>
public sealed class OutboxUpgradeTests
{
    /// <summary>
    /// The schema those agents created: migration 1 is their SQL as shipped (a shipped migration never changes), and
    /// they never set <c>user_version</c>.
    /// </summary>
    private static string VersionZeroSchema => OutboxSchema.Migrations[0];

    private static readonly byte[] UnparsedRaw = [0x1b, 0x40, .. Encoding.UTF8.GetBytes("SHOP\nTea ??? 1.00\n"), 0x1d, 0x56, 0x00];

    /// <summary>
    /// An old agent's file: T01 sold three sales (the first refused by the server, two waiting), T07 was in the middle
    /// of a sale (two lines journaled), and one receipt of T05 could not be read.
    /// </summary>
    private static void WriteVersionZeroDatabase(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        void Run(string sql, params (string Name, object Value)[] parameters)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }

        const string at = "2025-06-01T02:00:00.0000000Z";
        string Payload(long sequence) => JsonSerializer.Serialize(SqliteOutboxTests.Sale("T01", $"R-{sequence}") with { Sequence = sequence }, EdgeJson.Options);

        Run("PRAGMA journal_mode=WAL;");
        Run(VersionZeroSchema);
        Run("INSERT INTO terminal_sequence (terminal_id, last_sequence) VALUES ('T01', 3);");
        Run("INSERT INTO rejected VALUES ('T01', 1, $payload, $at, $at, 'T01#1: item 6920433218190 is not in the catalog');", ("$payload", Payload(1)), ("$at", at));
        Run("INSERT INTO outbox VALUES ('T01', 2, $payload, $at);", ("$payload", Payload(2)), ("$at", at));
        Run("INSERT INTO outbox VALUES ('T01', 3, $payload, $at);", ("$payload", Payload(3)), ("$at", at));
        Run("INSERT INTO open_sale_lines (terminal_id, line) VALUES ('T07', 'S|sale|R-2001|2025-06-01T10:15:30+08:00|C07||');");
        Run("INSERT INTO open_sale_lines (terminal_id, line) VALUES ('T07', 'L|6920433218190|2|3.50|0|7.00');");
        Run("INSERT INTO unparsed_receipts (terminal_id, captured_at, reason, raw, text) VALUES ('T05', $at, 'no total line', $raw, 'SHOP\nTea ??? 1.00');", ("$at", at), ("$raw", UnparsedRaw));
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        Assert.Equal(0L, version.ExecuteScalar());
    }

    [Fact]
    public void A_version_zero_database_upgrades_in_place_with_nothing_lost()
    {
        using var dir = new TempDirectory();
        var path = dir.File("outbox.db");
        WriteVersionZeroDatabase(path);

        using var outbox = new SqliteOutbox(path);

        Assert.Equal(OutboxSchema.Latest, outbox.Database.Version);
        Assert.Equal(
            [("T01", 2L, "R-2"), ("T01", 3L, "R-3")],
            outbox.Queue.PeekOldest(10).Select(e => (e.Sale.TerminalId, e.Sale.Sequence, e.Sale.ReceiptNumber!)));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero), outbox.Queue.OldestEnqueuedAt);
        var rejected = Assert.Single(outbox.Rejected.Read());
        Assert.Equal((new SaleKey("T01", 1), "T01#1: item 6920433218190 is not in the catalog"), (rejected.Key, rejected.Reason));
        Assert.Equal(["S|sale|R-2001|2025-06-01T10:15:30+08:00|C07||", "L|6920433218190|2|3.50|0|7.00"], outbox.Journal.Read("T07"));
        var unparsed = Assert.Single(outbox.Unparsed.Read()).Receipt;
        Assert.Equal(("T05", "no total line"), (unparsed.TerminalId, unparsed.Reason));
        Assert.Equal(UnparsedRaw, unparsed.Raw);
        Assert.Equal(4, outbox.Queue.Append(SqliteOutboxTests.Sale("T01", "R-4")));   // the terminal's sequence goes on, never reused
    }

    [Fact]
    public async Task An_upgraded_database_still_sends_its_pending_rejected_and_journaled_sales()
    {
        using var dir = new TempDirectory();
        WriteVersionZeroDatabase(dir.File("outbox.db"));
        await using var pair = await SocatPair.StartAsync(dir.Path, "till", TestContext.Current.CancellationToken);
        await using var server = await FakeIngestServer.StartAsync();
        var settings = TestAgent.Settings(dir, server.Url);
        settings["Terminals:0:TerminalId"] = "T07";
        settings["Terminals:0:TillPort"] = pair.AgentEnd;

        await using var agent = await TestAgent.StartAsync(settings);
        await Eventually.Holds(() => agent.Outbox.Queue.Depth == 0 && server.Ledger.Count == 2, "the pending sales to go up", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, agent.Outbox.Rejected.RequeueAll());   // after the catalog was fixed
        await Eventually.Holds(() => agent.Status.Device("T07", "till")!.Connected, "the till port to open", cancellationToken: TestContext.Current.CancellationToken);
        using (var till = pair.OpenDevice())
        {
            await till.WriteChunkedAsync("L|6970013389086|1|4.00|0|4.00\nT|11.00|cash:11.00\n", chunkSize: 64, TestContext.Current.CancellationToken);
        }

        await Eventually.Holds(() => server.Ledger.Count == 4 && agent.Outbox.Queue.Depth == 0, "the requeued and the resumed sale to go up", cancellationToken: TestContext.Current.CancellationToken);

        // T01, counted before the upgrade, goes on in epoch 0; T07, first seen after it, counts in the outbox's epoch.
        Assert.Equal([new SaleKey("T01", 1), new SaleKey("T01", 2), new SaleKey("T01", 3), new SaleKey("T07", agent.Outbox.Seq(1))], server.Ledger.Keys.OrderBy(k => k.TerminalId, StringComparer.Ordinal).ThenBy(k => k.Sequence).ToList());
        var resumed = server.Ledger[new SaleKey("T07", agent.Outbox.Seq(1))];
        Assert.Equal(("R-2001", 11.00m), (resumed.ReceiptNumber, resumed.Total));
        Assert.Equal(["6920433218190", "6970013389086"], resumed.Lines.Select(l => l.ItemCode));
        Assert.Empty(agent.Outbox.Journal.Read("T07"));
        Assert.Equal(1, agent.Outbox.Unparsed.Count);   // kept for a person to look at: never uploaded, never dropped
    }

    [Fact]
    public void A_database_of_a_newer_agent_is_refused_naming_both_versions()
    {
        using var dir = new TempDirectory();
        var path = dir.File("outbox.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {(OutboxSchema.Latest + 1).ToString(CultureInfo.InvariantCulture)};";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteOutbox(path));

        Assert.Contains($"schema version {OutboxSchema.Latest + 1}, newer than this agent's {OutboxSchema.Latest}", error.Message, StringComparison.Ordinal);
    }
}
