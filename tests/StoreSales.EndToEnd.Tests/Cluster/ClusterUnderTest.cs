using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// The deployed shape of <c>deploy/local/up.sh --silos N --command-centers M</c> on a test database: N silo processes in
/// one Orleans cluster (ADO.NET clustering on the same PostgreSQL), M command-center processes, and the gateway (YARP) in
/// front of them. Every part is a real process on its own ports, so a test can kill any of them.
/// </summary>
public sealed class ClusterUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private readonly TestDatabase _database;
    private readonly List<NodeProcess> _silos = [];
    private readonly List<NodeProcess> _commandCenters = [];
    private readonly Dictionary<NodeProcess, SiloPorts> _siloPorts = [];
    private readonly IReadOnlyDictionary<string, string> _siloSettings;
    private readonly IReadOnlyDictionary<string, string> _commandCenterSettings;

    private ClusterUnderTest(TestDatabase database, IReadOnlyDictionary<string, string> siloSettings, IReadOnlyDictionary<string, string> commandCenterSettings)
    {
        _database = database;
        _siloSettings = siloSettings;
        _commandCenterSettings = commandCenterSettings;
        ClusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        Logs = Path.Combine(RepositoryPaths.Root, ".data", "cluster-tests", ClusterId);
        Directory.CreateDirectory(Logs);
    }

    /// <summary>
    /// Where every process logs (under the checkout's <c>.data</c>, kept after the test: a failure in a cluster is read in
    /// the logs of several processes at once).
    /// </summary>
    public string Logs { get; }

    public string ClusterId { get; }

    public IReadOnlyList<NodeProcess> Silos => _silos;

    public IReadOnlyList<NodeProcess> CommandCenters => _commandCenters;

    public NodeProcess? Gateway { get; private set; }

    /// <summary>What a browser reaches: the gateway with more than one command center, else the command center itself.</summary>
    public CommandCenterClient Front => new((Gateway ?? _commandCenters[0]).BaseAddress);

    /// <param name="siloSettings">Settings of every silo over the test defaults (key as in appsettings, e.g. <c>Orleans:Membership:ProbeTimeout</c>).</param>
    /// <param name="commandCenterSettings">The same for every command center.</param>
    public static async Task<ClusterUnderTest> Start(
        TestDatabase database,
        int silos,
        int commandCenters,
        IReadOnlyDictionary<string, string>? siloSettings = null,
        IReadOnlyDictionary<string, string>? commandCenterSettings = null,
        CancellationToken cancellationToken = default)
    {
        var cluster = new ClusterUnderTest(database, siloSettings ?? new Dictionary<string, string>(), commandCenterSettings ?? new Dictionary<string, string>());
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            foreach (var silo in cluster._silos)
            {
                await silo.WaitUntilAnswering("/health/ready", StartLimit, cancellationToken);
            }

            if (commandCenters == 0)
            {
                return cluster;
            }

            // The first node seeds the demo staff alone, as up.sh has it: two nodes seeding at once would race on the accounts.
            var first = cluster.StartCommandCenter(seedStaff: true);
            await first.WaitUntilAnswering("/health/live", StartLimit, cancellationToken);
            for (var j = 1; j < commandCenters; j++)
            {
                cluster.StartCommandCenter(seedStaff: false);
            }

            foreach (var node in cluster._commandCenters)
            {
                await node.WaitUntilAnswering("/health/live", StartLimit, cancellationToken);
            }

            if (commandCenters > 1)
            {
                cluster.Gateway = NodeProcess.Start(
                    "gateway",
                    "src/StoreSales.Gateway",
                    FreeTcpPort.Next(),
                    [
                        .. cluster._commandCenters.Select((node, j) => $"--Gateway:CommandCenters:{j}={node.BaseAddress}"),
                        "--Gateway:HealthCheckInterval=00:00:01",
                        "--Gateway:HealthCheckTimeout=00:00:01",
                    ],
                    cluster.Logs);
                await cluster.Gateway.WaitUntilAnswering("/gateway/health", StartLimit, cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo of this cluster (a restart of a killed one is a new one on new ports, as Orleans sees it).</summary>
    /// <param name="httpPort">Its ingest port; a restarted silo keeps its predecessor's, as its agents know it by that URL. A free one if null.</param>
    public NodeProcess StartSilo(int? httpPort = null) =>
        StartSilo(new SiloPorts(httpPort ?? FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next()));

    /// <summary>
    /// Starts a stopped or killed silo again on all of its ports, as systemd restarts a store chain's silo from the same
    /// configuration: Orleans then sees a new generation of the same silo and retires the old one as it joins, instead of
    /// waiting (90 s by default) for the old one's I-am-alive to go stale when no other silo is left to declare it dead.
    /// </summary>
    public NodeProcess RestartSilo(NodeProcess stopped)
    {
        if (!stopped.HasExited)
        {
            throw new InvalidOperationException($"{stopped.Name} still runs: stop or kill it before restarting it.");
        }

        return StartSilo(_siloPorts[stopped]);
    }

    private NodeProcess StartSilo(SiloPorts ports)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:StoreSales"] = _database.ConnectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:SiloPort"] = ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Live:PublishInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _siloSettings)
        {
            settings[key] = value;
        }

        var silo = NodeProcess.Start($"silo-{_silos.Count + 1}", "src/StoreSales.Silo", ports.Http, settings.Select(s => $"--{s.Key}={s.Value}"), Logs);
        _silos.Add(silo);
        _siloPorts[silo] = ports;
        return silo;
    }

    /// <summary>The silo process whose Orleans silo-to-silo endpoint is <paramref name="address"/> (from the management grain).</summary>
    public NodeProcess SiloAt(Orleans.Runtime.SiloAddress address) =>
        _siloPorts.Where(s => s.Value.Silo == address.Endpoint.Port).OrderBy(s => s.Key.HasExited).First().Key;

    private NodeProcess StartCommandCenter(bool seedStaff)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:StoreSales"] = _database.ConnectionString,
            ["Orleans:ClusterId"] = ClusterId,
            ["Live:ResubscribeInterval"] = "00:00:02",
            ["Limits:SignInsPerAddress"] = DoorLimits.Lifted["Limits:SignInsPerAddress"],
            ["Limits:HubConnectionsPerAddress"] = DoorLimits.Lifted["Limits:HubConnectionsPerAddress"],
            ["Demo:SeedStaff"] = seedStaff ? "true" : "false",
            ["Demo:StaffStore"] = "store-sh001",
            ["Quotes:VerificationKey"] = "test-quote-verification-key-0123456789abcdef",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _commandCenterSettings)
        {
            settings[key] = value;
        }

        var node = NodeProcess.Start(
            $"commandcenter-{_commandCenters.Count + 1}",
            "src/StoreSales.CommandCenter",
            FreeTcpPort.Next(),
            settings.Select(s => $"--{s.Key}={s.Value}"),
            Logs);
        _commandCenters.Add(node);
        return node;
    }

    /// <summary>The tails of every log, for a failure message.</summary>
    public string Tails() => string.Join(
        Environment.NewLine,
        _silos.Concat(_commandCenters).Concat(Gateway is null ? [] : [Gateway]).Select(n => $"--- {n.Name} ({n.Log}) ---{Environment.NewLine}{n.Tail(15)}"));

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        foreach (var node in _commandCenters.Concat(_silos))
        {
            await node.DisposeAsync();
        }
    }

    private sealed record SiloPorts(int Http, int Silo, int Gateway);
}
