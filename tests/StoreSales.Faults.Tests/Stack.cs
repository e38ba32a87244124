using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.EndToEnd.Tests.Cluster;
using StoreSales.Testing;

namespace StoreSales.Faults.Tests;

/// <summary>
/// The stack every fault runs on, as <c>deploy/local/up.sh --silos 3 --command-centers 2</c> runs it: three silo processes
/// in one Orleans cluster, two command centers behind the gateway, on a demo chain in the PostgreSQL faults.sh started.
/// HQ watches the store boards through the gateway with a real SignalR connection.
/// </summary>
public sealed class Stack : IAsyncLifetime
{
    public const int SiloCount = 3;

    private HubConnection? _hub;

    public TestDatabase Database { get; private set; } = null!;

    public ClusterUnderTest Cluster { get; private set; } = null!;

    public BoardWatch Boards { get; private set; } = null!;

    /// <summary>HQ signed in through the gateway (the board and reconciliation APIs).</summary>
    public HttpClient Hq { get; private set; } = null!;

    /// <summary>The ingest URLs of the silos running now, as an agent is given every silo's URL.</summary>
    public IReadOnlyList<Uri> SiloUrls => [.. Cluster.Silos.Where(s => !s.HasExited).Select(s => s.BaseAddress)];

    public async ValueTask InitializeAsync()
    {
        if (FaultSuite.Mode is null)
        {
            return; // every fault is skipped
        }

        Database = await TestDatabase.Create("faults");
        Cluster = await ClusterUnderTest.Start(Database, silos: SiloCount, commandCenters: 2, cancellationToken: TestContext.Current.CancellationToken);
        _hub = await Cluster.Front.CreateSignedInHubConnection(DemoLogins.Hq);
        Boards = new BoardWatch(_hub);
        Hq = await Cluster.Front.CreateSignedInClient(DemoLogins.Hq);
    }

    /// <summary>Brings the cluster back to three silos after a fault took one away, and waits until the new one is ready.</summary>
    public async Task RestoreSilos(CancellationToken cancellationToken)
    {
        while (Cluster.Silos.Count(s => !s.HasExited) < SiloCount)
        {
            await Cluster.StartSilo().WaitUntilAnswering("/health/ready", TimeSpan.FromSeconds(180), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Hq?.Dispose();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
