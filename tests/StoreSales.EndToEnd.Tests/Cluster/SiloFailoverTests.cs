using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using StoreSales.Abstractions.Stores;
using StoreSales.Contracts.Ingest;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Cluster;

/// <summary>
/// Boards keep updating when the silo hosting their stores' grains dies: two silo processes, sales posted all the time,
/// the silo that hosts a store's grain (asked of Orleans' management grain) killed with SIGKILL. Each affected store's
/// grain activates on the other silo, rebuilds its figures from the ledger, and a real SignalR client on its board sees a
/// sale acked after the kill without reopening anything. Three rounds (a fresh silo joins after each); the time from the
/// kill to each affected board showing it is printed (docs/benchmarks.md, "Silo failover").
/// </summary>
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const string Terminal = "T09";
    private static readonly TimeSpan PostEvery = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Boards_show_new_sales_again_after_the_silo_hosting_their_stores_is_killed()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.Create("silofail");
        // Shipped failure detection (Orleans:Membership) and the shipped board renewal (15 s), so the times are production's.
        // Timestamped logs of the steps a failover takes (the silos' membership: suspicion, death declaration; the command
        // center's silo connections and board reads), to see where the time goes against the kill times printed below.
        var timestamps = new Dictionary<string, string>
        {
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        };
        var silos = new Dictionary<string, string>(timestamps) { ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information" };
        var commandCenter = new Dictionary<string, string>(timestamps)
        {
            ["Live:ResubscribeInterval"] = "00:00:15",
            ["Logging:LogLevel:StoreSales.CommandCenter.Live"] = "Information",
            ["Logging:LogLevel:Orleans.Messaging"] = "Information",
        };
        await using var cluster = await ClusterUnderTest.Start(
            database, silos: 2, commandCenters: 1, siloSettings: silos, commandCenterSettings: commandCenter, cancellationToken: cancellation);
        using var orleans = await ManagementClient(database, cluster.ClusterId, cancellation);
        var grains = orleans.Services.GetRequiredService<IClusterClient>();
        var stores = DemoStores();

        await using var hub = await cluster.Front.CreateSignedInHubConnection(DemoLogins.Hq);
        var boards = new BoardWatch(hub, BoardPeriod.Month);
        using var http = await cluster.Front.CreateSignedInClient(DemoLogins.Hq);
        var posted = new ConcurrentDictionary<string, decimal>(StringComparer.Ordinal);
        var sequences = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var opened = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (storeId, _) in stores)
        {
            posted[storeId] = opened[storeId] = await boards.Join(storeId, cancellation);
        }

        var recoveries = new List<(int Round, string StoreId, TimeSpan Time)>();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                var live = cluster.Silos.Where(s => !s.HasExited).ToList();

                // Every store's grain active somewhere and its board current before the kill.
                foreach (var (storeId, key) in stores)
                {
                    await Post(live[0], storeId, key, posted, sequences, cancellation);
                }

                foreach (var (storeId, _) in stores)
                {
                    await Eventually.Holds(async () => await MonthActual(http, storeId, cancellation) == posted[storeId], $"round {round}: {storeId}'s figures current before the kill", TimeSpan.FromSeconds(60), cancellation);
                }

                var hosts = new Dictionary<string, NodeProcess>(StringComparer.Ordinal);
                foreach (var (storeId, _) in stores)
                {
                    hosts[storeId] = await HostOf(grains, cluster, storeId, cancellation);
                }

                var victim = hosts[stores[(round - 1) % stores.Count].StoreId];
                var survivor = live.First(s => s != victim);
                var affected = stores.Where(s => hosts[s.StoreId] == victim).ToList();

                // Sales keep coming (through the survivor, as the agents' failover sends them) while the victim dies. Stopping
                // ends the pacing only: a post under way finishes, so every sale the server took is counted in `posted`.
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                var firstAfterKill = new ConcurrentDictionary<string, decimal>(StringComparer.Ordinal);
                var killedAtTicks = long.MaxValue;
                var poster = Task.Run(
                    async () =>
                    {
                        using var timer = new PeriodicTimer(PostEvery);
                        try
                        {
                            while (await timer.WaitForNextTickAsync(stopping.Token))
                            {
                                foreach (var (storeId, key) in affected)
                                {
                                    // Sent after the kill: a sale sent before it may have been counted by the dying silo.
                                    var sentAfterKill = DateTimeOffset.UtcNow.UtcTicks > Interlocked.Read(ref killedAtTicks);
                                    var total = await Post(survivor, storeId, key, posted, sequences, cancellation);
                                    if (sentAfterKill)
                                    {
                                        firstAfterKill.TryAdd(storeId, total);
                                    }
                                }
                            }
                        }
                        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                        {
                            // Stopped between two rounds of posts.
                        }
                    },
                    cancellation);

                await Eventually.Holds(() => sequences.Values.Sum() > 0, "sales posted", cancellationToken: cancellation);
                var kill = DateTimeOffset.UtcNow;
                await victim.Kill();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: SIGKILL {victim.Name} at {kill:HH:mm:ss.fff} (logs: {cluster.Logs})"));
                Interlocked.Exchange(ref killedAtTicks, kill.UtcTicks);

                foreach (var (storeId, _) in affected)
                {
                    await Eventually.Holds(
                        () => poster.IsFaulted
                            ? throw new InvalidOperationException("posting sales failed", poster.Exception)
                            : firstAfterKill.TryGetValue(storeId, out var after) && boards.FirstShowing(storeId, after, kill) is not null,
                        $"round {round}: {storeId}'s board shows a sale acked after its silo was killed",
                        TimeSpan.FromSeconds(90),
                        cancellation);
                    recoveries.Add((round, storeId, boards.FirstShowing(storeId, firstAfterKill[storeId], kill)!.Value - kill));
                }

                await stopping.CancelAsync();
                await poster;

                // Nothing lost, nothing doubled, no board left behind: once the posting stops, the ledger holds exactly the acked
                // sales, the store's figures (its API, from the grain) are exactly those, and so is what the SignalR board shows,
                // with no sale after the last one to carry a dropped update (the command center reads its open boards again
                // after a silo change; the notifier sends a batch a host did not take again).
                foreach (var (storeId, _) in stores)
                {
                    var ledger = await LedgerTotal(database, storeId, cancellation);
                    Assert.True(opened[storeId] + ledger == posted[storeId], $"round {round}: {storeId}'s ledger holds {ledger} of the test's sales, the acked ones total {posted[storeId] - opened[storeId]}");
                    var figures = await Eventually.Until(() => MonthActual(http, storeId, cancellation), actual => actual == posted[storeId], TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
                    Assert.True(figures == posted[storeId], $"round {round}: {storeId}'s figures say {figures}, its acked sales total {posted[storeId]} (logs: {cluster.Logs})");
                    var shown = await Eventually.Until(() => Task.FromResult(boards.LastActual(storeId)), actual => actual == posted[storeId], TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
                    Assert.True(shown == posted[storeId], $"round {round}: {storeId}'s board shows {shown}, the ledger says {posted[storeId]} (logs: {cluster.Logs})");
                }

                // A fresh silo takes the dead one's place for the next round.
                await cluster.StartSilo().WaitUntilAnswering("/health/ready", TimeSpan.FromSeconds(120), cancellation);
            }
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{cluster.Tails()}", exception);
        }

        Assert.NotEmpty(recoveries);
        foreach (var (round, storeId, time) in recoveries)
        {
            output.WriteLine($"round {round}  {storeId,-12}  SIGKILL -> board current again  {time.TotalSeconds,6:0.00} s");
        }

        var sorted = recoveries.Select(r => r.Time.TotalSeconds).Order().ToList();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"silo failover: {sorted.Count} boards over {Rounds} kills; median {sorted[sorted.Count / 2]:0.00} s, p99 {sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)]:0.00} s, max {sorted[^1]:0.00} s"));
    }

    /// <summary>Posts one sale of 1.00 to the store through the silo's ingest API; returns the store's total of acked sales with it.</summary>
    private static async Task<decimal> Post(
        NodeProcess silo, string storeId, string key, ConcurrentDictionary<string, decimal> posted, ConcurrentDictionary<string, long> sequences, CancellationToken cancellationToken)
    {
        var sequence = sequences.AddOrUpdate(storeId, 1, (_, s) => s + 1);
        var sale = SaleFactory.Sale(Terminal, sequence, DateTimeOffset.UtcNow, ("6920433218190", 1, 1m));
        using var ingest = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        ingest.DefaultRequestHeaders.Add("X-Store-Key", key);
        using var response = await ingest.PostAsJsonAsync($"/api/stores/{storeId}/sales/batches", new SaleBatch { BatchId = $"fail-{Guid.NewGuid():N}", Sales = [sale] }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return posted.AddOrUpdate(storeId, sale.Total, (_, total) => total + sale.Total);
    }

    /// <summary>What the ledger holds of this test's sales (its own terminal) at the store.</summary>
    private static async Task<decimal> LedgerTotal(TestDatabase database, string storeId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT coalesce(sum(total), 0) FROM sale WHERE store_id = $1 AND terminal_id = $2");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = storeId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Terminal });
        return (decimal)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // The month's actual, not the day's: the test runs for minutes, and the store's day may turn during it (BoardWatch).
    private static async Task<decimal> MonthActual(HttpClient http, string storeId, CancellationToken cancellationToken) =>
        BoardWatch.Of(await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/stores/{storeId}/progress", cancellationToken), BoardPeriod.Month);

    /// <summary>
    /// The silo process that holds the store's grain, asked of the management grain. Asked again on failure: right after a
    /// kill the client may still try the dead silo's gateway once.
    /// </summary>
    private static async Task<NodeProcess> HostOf(IClusterClient grains, ClusterUnderTest cluster, string storeId, CancellationToken cancellationToken)
    {
        NodeProcess? host = null;
        await Eventually.Holds(
            async () =>
            {
                try
                {
#pragma warning disable xUnit1051 // a grain call: Orleans cancels it by its own response timeout
                    var address = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IStoreGrain>(storeId));
#pragma warning restore xUnit1051
                    host = address is null ? null : cluster.SiloAt(address);
                    return host is not null;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    return false;
                }
            },
            $"where {storeId}'s grain is active",
            TimeSpan.FromSeconds(60),
            cancellationToken);
        return host!;
    }

    private static List<(string StoreId, string Key)> DemoStores() =>
        [.. JsonNode.Parse(File.ReadAllText(RepositoryPaths.DemoChain))!["stores"]!.AsArray()
            .Select(s => (s!["id"]!.GetValue<string>(), s["apiKey"]!.GetValue<string>()))];

    /// <summary>An Orleans client of the cluster, as an operator's tool is: it asks the management grain where a grain lives.</summary>
    private static async Task<IHost> ManagementClient(TestDatabase database, string clusterId, CancellationToken cancellationToken)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = "storesales";
                });
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = database.ConnectionString;
                });
            })
            .ConfigureLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning))
            .Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
