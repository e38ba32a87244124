using System.IO.Ports;
using System.Text;
using StoreSales.Domain.Barcodes;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// Scans are counted once, like sales: a scanner (a real pty) reads while the server is down, then the agent (a real
/// process) is killed with SIGKILL twice in the middle of uploading its scan backlog and sends again after each
/// restart. Afterwards the scan ledger holds exactly the scanner's scans, each once, under sequences 1…N.
/// </summary>
public sealed class ScanCrashTests
{
    private const string StoreId = "store-hz001";
    private const int Scans = 120;

    [Fact]
    public async Task Killing_the_agent_mid_upload_loses_and_doubles_no_scan()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("scancrash");
        using var directory = new TempDirectory();
        await using var till = await SocatPair.StartAsync(directory.Path, "till", cancellation);
        await using var scanner = await SocatPair.StartAsync(directory.Path, "scanner", cancellation);
        var siloPort = FreeTcpPort.Next();
        var outbox = directory.File("outbox.db");
        string[] agentArgs =
        [
            Path.Combine(AppContext.BaseDirectory, "StoreSales.Edge.dll"),
            $"--Agent:StoreId={StoreId}",
            $"--Agent:ServerUrl=http://127.0.0.1:{siloPort}",
            "--Agent:StoreKey=demo-key-store-hz001",
            $"--Agent:OutboxPath={outbox}",
            "--Agent:BatchSize=4",
            "--Terminals:0:TerminalId=T07",
            $"--Terminals:0:TillPort={till.AgentEnd}",
            $"--Terminals:0:ScannerPort={scanner.AgentEnd}",
            "--Upload:RetryDelay=00:00:00.050",
            "--Upload:MaxRetryDelay=00:00:00.500",
            "--Logging:LogLevel:Default=Warning",
        ];

        // The server is down: the scans can only go to the agent's outbox.
        var agent = AgentProcess.Start(agentArgs);
        try
        {
            var expected = await Scan(scanner.DeviceEnd, outbox, cancellation);
            Assert.Equal(Scans, ScansWaiting(outbox));

            await using var silo = await SiloUnderTest.Start(database, "scancrash-" + Guid.NewGuid().ToString("N")[..8], httpPort: siloPort);
            var recordedAtKills = new List<long>();
            foreach (var killAt in new[] { 20, 60 })
            {
                await Eventually.HoldsPromptly(async () => await LedgerCount(database) >= killAt, $"{killAt} scans in the ledger", TimeSpan.FromSeconds(60), cancellation);
                agent.Kill(entireProcessTree: true);
                recordedAtKills.Add(await LedgerCount(database));
                await agent.WaitForExitAsync(cancellation);
                agent.Dispose();
                agent = AgentProcess.Start(agentArgs);
            }

            // The kills hit the upload in the middle, not after it.
            Assert.All(recordedAtKills, count => Assert.InRange(count, 1, Scans - 1));
            await Eventually.Holds(async () => await LedgerCount(database) == Scans && ScansWaiting(outbox) == 0, "the scan ledger holds every scan and the outbox none", TimeSpan.FromSeconds(60), cancellation);
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellation);
            var ledger = (await Dapper.SqlMapper.QueryAsync<(long Sequence, string Code, string Kind)>(
                connection,
                "SELECT sequence, code, kind FROM scan_event WHERE store_id = @StoreId AND terminal_id = 'T07' ORDER BY sequence",
                new { StoreId })).ToList();

            Assert.Equal(Enumerable.Range(1, Scans).Select(i => (long)i), ledger.Select(s => StoreSales.Domain.Sales.TerminalEpoch.NumberOf(s.Sequence)));
            Assert.Equal(expected, ledger.Select(s => s.Code));
            Assert.All(ledger, s => Assert.Equal("gtin", s.Kind));
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill(entireProcessTree: true);
            }

            agent.Dispose();
        }
    }

    /// <summary>
    /// Scans distinct EAN-13s as a scanner would (each ended by CR), each once the agent has stored the one before, so
    /// their order on the wire is their order in the outbox. Returns the codes in scan order.
    /// </summary>
    private static async Task<List<string>> Scan(string devicePath, string outbox, CancellationToken cancellation)
    {
        var codes = Enumerable.Range(1, Scans).Select(i => Gtin.WithCheckDigit($"692043321{i:D3}")).ToList();
        using var device = new SerialPort(devicePath, 9600);
        device.Open();
        for (var i = 0; i < codes.Count; i++)
        {
            var bytes = Encoding.ASCII.GetBytes(codes[i] + "\r");
            device.Write(bytes, 0, bytes.Length);
            var stored = i + 1;
            await Eventually.Holds(() => ScansWaiting(outbox) == stored, $"scan {stored} is in the outbox", TimeSpan.FromSeconds(30), cancellation);
        }

        return codes;
    }

    private static long ScansWaiting(string path) => AgentProcess.OutboxRows(path, "scans");

    private static Task<long> LedgerCount(TestDatabase database) =>
        database.Count("SELECT count(*) FROM scan_event WHERE store_id = @StoreId AND terminal_id = 'T07'", new { StoreId });
}
