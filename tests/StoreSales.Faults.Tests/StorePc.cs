using System.Diagnostics;
using StoreSales.EndToEnd.Tests;
using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>
/// One store PC: its tills' serial lines (socat pseudo-terminal pairs), the real edge agent as its own process reading
/// them and given every silo's URL, and its outbox file. The tills are played by the simulator (<see cref="TillRun"/>).
/// </summary>
public sealed class StorePc : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly List<SocatPair> _tills;
    private readonly IReadOnlyList<Uri> _servers;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _agent;

    private StorePc(string storeId, IReadOnlyList<string> terminals, TempDirectory directory, List<SocatPair> tills, IReadOnlyList<Uri> servers, IReadOnlyDictionary<string, string> settings)
    {
        StoreId = storeId;
        Terminals = terminals;
        _directory = directory;
        _tills = tills;
        _servers = servers;
        _settings = settings;
        OutboxPath = directory.File("outbox.db");
    }

    public string StoreId { get; }

    public IReadOnlyList<string> Terminals { get; }

    /// <summary>The outbox the agent runs on (a fault may swap it for another file).</summary>
    public string OutboxPath { get; private set; }

    /// <summary>The running agent's process id.</summary>
    public int AgentProcessId => _agent?.Id ?? throw new InvalidOperationException("the agent is not running");

    /// <summary>Sales waiting in the outbox now (-1 before it exists).</summary>
    public long OutboxDepth => AgentProcess.OutboxRows(OutboxPath, "outbox");

    /// <param name="settings">Agent settings over the suite's (key as in appsettings, e.g. <c>Agent:BatchSize</c>).</param>
    public static async Task<StorePc> Start(string storeId, IReadOnlyList<string> terminals, IReadOnlyList<Uri> servers, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = new TempDirectory();
        var tills = new List<SocatPair>();
        foreach (var terminal in terminals)
        {
            tills.Add(await SocatPair.StartAsync(directory.Path, terminal, cancellationToken));
        }

        var pc = new StorePc(storeId, terminals, directory, tills, servers, settings ?? new Dictionary<string, string>());
        pc.StartAgent();
        return pc;
    }

    /// <summary>Starts the agent (again) on <see cref="OutboxPath"/>.</summary>
    public void StartAgent()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Agent:StoreId"] = StoreId,
            ["Agent:StoreKey"] = $"demo-key-{StoreId}",
            ["Agent:OutboxPath"] = OutboxPath,
            ["Agent:BatchSize"] = "50",
            ["Agent:HeartbeatInterval"] = "00:00:05",
            // Shipped 2 min: the suite's outages are short, and an agent idling in its back-off would time the back-off.
            ["Upload:MaxRetryDelay"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (var i = 0; i < _servers.Count; i++)
        {
            settings[$"Agent:ServerUrls:{i}"] = _servers[i].ToString();
        }

        for (var i = 0; i < Terminals.Count; i++)
        {
            settings[$"Terminals:{i}:TerminalId"] = Terminals[i];
            settings[$"Terminals:{i}:TillPort"] = _tills[i].AgentEnd;
        }

        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        _agent = AgentProcess.Start([Path.Combine(AppContext.BaseDirectory, "StoreSales.Edge.dll"), .. settings.Select(s => $"--{s.Key}={s.Value}")]);
    }

    /// <summary>As a crash ends it: SIGKILL, no shutdown of any kind.</summary>
    public async Task KillAgent()
    {
        if (_agent is { HasExited: false })
        {
            _agent.Kill(entireProcessTree: true);
            await _agent.WaitForExitAsync();
        }

        _agent?.Dispose();
        _agent = null;
    }

    /// <summary>Freezes the agent where it is (SIGSTOP): it reads, writes and sends nothing until <see cref="Thaw"/>.</summary>
    public Task Freeze() => Signal("-STOP");

    public Task Thaw() => Signal("-CONT");

    /// <summary>
    /// The PC loses power: the agent, frozen by the caller (<see cref="Freeze"/>) in the middle of whatever it was writing,
    /// has its outbox file and write-ahead log copied as the disk holds them at that instant, and is killed. The agent then
    /// runs on the copy (<see cref="StartAgent"/>), as the PC does when it boots again.
    /// </summary>
    public async Task PowerCut()
    {
        var image = _directory.File($"outbox-after-power-cut-{Guid.NewGuid():N}.db");
        // The shared-memory index is not copied: it is rebuilt from the log at open, as after a real cut.
        File.Copy(OutboxPath, image);
        if (File.Exists(OutboxPath + "-wal"))
        {
            File.Copy(OutboxPath + "-wal", image + "-wal");
        }

        await KillAgent();
        OutboxPath = image;
    }

    /// <summary>
    /// Freezes the agent and keeps it frozen if it holds no sale half taken: every sale the tills finished is numbered in
    /// the outbox, none has lines journaled without its end (and, with <paramref name="outboxEmpty"/>, none waits to be
    /// sent); otherwise lets it run on and says false. A cut then loses nothing in flight on the serial line: a sale whose
    /// bytes the agent read but had not yet written cannot come again (a till does not send twice), see docs/faults.md.
    /// </summary>
    public async Task<bool> FreezeBetweenSales(TillRun tills, bool outboxEmpty)
    {
        await Freeze();
        var finished = tills.Receipts();
        var numbered = Numbered();
        if (AgentProcess.OutboxRows(OutboxPath, "open_sale_lines") == 0
            && Terminals.All(t => numbered.GetValueOrDefault(t) == (finished.TryGetValue(t, out var receipts) ? receipts.Count : 0))
            && (!outboxEmpty || OutboxDepth == 0))
        {
            return true;
        }

        await Thaw();
        return false;
    }

    /// <summary>Per terminal, how many sales the outbox has numbered (the count within the terminal's epoch).</summary>
    public IReadOnlyDictionary<string, long> Numbered()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={OutboxPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT terminal_id, last_sequence FROM terminal_sequence";
        using var reader = command.ExecuteReader();
        var numbered = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            numbered[reader.GetString(0)] = StoreSales.Domain.Sales.TerminalEpoch.NumberOf(reader.GetInt64(1));
        }

        return numbered;
    }

    private async Task Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, AgentProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>A new PC: the outbox is gone and a new, empty one is made at the same place.</summary>
    public void WipeOutbox()
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(OutboxPath)!, Path.GetFileName(OutboxPath) + "*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>The simulator rings up <paramref name="salesPerTerminal"/> sales on every till, then each till's Z.</summary>
    public TillRun Sell(int salesPerTerminal, double salesPerMinute, CancellationToken cancellationToken) =>
        TillRun.Start(Terminals.Select((t, i) => (t, _tills[i].DeviceEnd)).ToList(), salesPerTerminal, salesPerMinute, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await KillAgent();
        foreach (var till in _tills)
        {
            await till.DisposeAsync();
        }

        _directory.Dispose();
    }
}
