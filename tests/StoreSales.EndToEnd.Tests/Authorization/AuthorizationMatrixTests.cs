using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoreSales.CommandCenter.Live;
using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests.Authorization;

/// <summary>
/// Every endpoint of both hosts' OpenAPI documents and every public method of the live hub, asked by everyone
/// (<see cref="MatrixPrincipals"/>; for ingest, nobody, the store's own key and another store's key), answers what
/// <c>authorization-matrix.txt</c> says. An endpoint or hub method the table does not name fails the test by name, as
/// does a line naming one that no longer exists, and a role the table has no column for.
/// </summary>
public sealed class AuthorizationMatrixTests(ChainFixture chain) : IClassFixture<ChainFixture>
{
    private const string UnknownId = "matrix-unknown";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Route and query values: the demo chain's east region, its store sh001 and the store's first rep; ids the demo has none of are unknown.</summary>
    private static readonly Dictionary<string, string> RouteValues = new()
    {
        ["storeId"] = "store-sh001",
        ["regionId"] = "region-east",
        ["repId"] = "rep-sh001-01",
        ["month"] = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ["customerId"] = UnknownId,
        ["opportunityId"] = UnknownId,
        ["quoteNumber"] = UnknownId,
        ["handOverId"] = UnknownId,
        ["approvalId"] = UnknownId,
        ["eventId"] = UnknownId,
        ["evidenceId"] = UnknownId,
        ["jobId"] = UnknownId,
        ["keyId"] = UnknownId,
        ["tokenId"] = UnknownId,
        ["contractId"] = UnknownId,
        ["orderId"] = UnknownId,
        ["requestId"] = UnknownId,
        ["itemCode"] = UnknownId,
        ["departmentId"] = UnknownId,
        ["kind"] = UnknownId,
        ["code"] = UnknownId,
        ["lineKey"] = UnknownId,
        ["lineKind"] = UnknownId,
        ["version"] = "1",
    };

    [Fact]
    public void The_table_has_a_column_for_every_role_the_app_knows()
    {
        var matrix = AuthorizationMatrix.Load();

        Assert.Equal(MatrixPrincipals.CommandCenterColumns, matrix.Columns("command-center"));
        Assert.Equal(MatrixPrincipals.CommandCenterColumns, matrix.Columns("hub"));
        Assert.Equal(SiloColumns, matrix.Columns("silo"));
    }

    [Fact]
    public async Task Every_command_center_endpoint_answers_every_role_as_the_table_says()
    {
        var operations = await OpenApiOperation.Read(chain.CommandCenter.BaseAddress, Cancellation);
        AssertAllFilled(operations);
        var clients = await MatrixPrincipals.SignInAll(chain.CommandCenter, Cancellation);
        try
        {
            var observed = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var operation in operations)
            {
                var row = new List<string>();
                foreach (var column in MatrixPrincipals.CommandCenterColumns)
                {
                    using var request = operation.Request(RouteValues);
                    using var response = await clients[column].SendAsync(request, Cancellation);
                    row.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                }

                observed[operation.Key] = row;
            }

            Check("command-center", MatrixPrincipals.CommandCenterColumns, observed);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static readonly IReadOnlyList<string> SiloColumns = [MatrixPrincipals.Anonymous, "own-store-key", "other-store-key"];

    [Fact]
    public async Task Every_silo_endpoint_answers_nobody_its_store_and_another_store_as_the_table_says()
    {
        var operations = await OpenApiOperation.Read(chain.Silo.BaseAddress, Cancellation);
        AssertAllFilled(operations);
        var keys = new Dictionary<string, string?>
        {
            [MatrixPrincipals.Anonymous] = null,
            ["own-store-key"] = "demo-key-store-sh001",
            ["other-store-key"] = "demo-key-store-sh002",
        };
        var observed = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var operation in operations)
        {
            var row = new List<string>();
            foreach (var column in SiloColumns)
            {
                using var client = chain.Silo.CreateClient(keys[column]);
                using var request = operation.Request(RouteValues);
                using var response = await client.SendAsync(request, Cancellation);
                row.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            observed[operation.Key] = row;
        }

        Check("silo", SiloColumns, observed);
    }

    [Fact]
    public async Task Every_hub_method_answers_every_role_as_the_table_says()
    {
        var methods = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        var boardToken = await MatrixPrincipals.IssueBoardToken(chain.CommandCenter, Cancellation);
        var observed = methods.ToDictionary(m => m.Name, _ => (IReadOnlyList<string>)new List<string>());
        foreach (var column in MatrixPrincipals.CommandCenterColumns)
        {
            await using var hub = column switch
            {
                MatrixPrincipals.Anonymous => chain.CommandCenter.CreateHubConnection(),
                MatrixPrincipals.Board => new HubConnectionBuilder()
                    .WithUrl(new Uri(chain.CommandCenter.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(boardToken))
                    .Build(),
                _ => await chain.CommandCenter.CreateSignedInHubConnection(MatrixPrincipals.AccountOfRole[column]),
            };
            var connected = await Connect(hub);
            foreach (var method in methods)
            {
                ((List<string>)observed[method.Name]).Add(connected ?? await Invoke(hub, method));
            }
        }

        Check("hub", MatrixPrincipals.CommandCenterColumns, observed);
    }

    private static void AssertAllFilled(IReadOnlyList<OpenApiOperation> operations)
    {
        var unfilled = operations.SelectMany(o => o.Unfilled(RouteValues)).ToList();
        Assert.True(unfilled.Count == 0, "Parameters without a route value: " + string.Join("; ", unfilled));
    }

    /// <summary>Null when connected, else the status the hub's negotiation answered.</summary>
    private static async Task<string?> Connect(HubConnection hub)
    {
        try
        {
            await hub.StartAsync(Cancellation);
            return null;
        }
        catch (HttpRequestException refused) when (refused.StatusCode is { } status)
        {
            return ((int)status).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static async Task<string> Invoke(HubConnection hub, MethodInfo method)
    {
        var arguments = method.GetParameters().Select(p => (object?)RouteValues[p.Name!]).ToArray();
        try
        {
            await hub.InvokeCoreAsync(method.Name, typeof(object), arguments, Cancellation);
            return "ok";
        }
        catch (HubException)
        {
            return "refused";
        }
    }

    /// <summary>
    /// Compares what was observed with the table; every difference, missing line and stale line in one failure, with the
    /// observed line for each (written in full to <c>authorization-matrix.observed.txt</c> beside the tests) so that a
    /// person adds a new endpoint's line by deciding it, not by guessing its format.
    /// </summary>
    private static void Check(string section, IReadOnlyList<string> columns, Dictionary<string, IReadOnlyList<string>> observed)
    {
        var matrix = AuthorizationMatrix.Load();
        var problems = new StringBuilder();
        foreach (var (key, row) in observed.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!matrix.Keys(section).Contains(key))
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"[{section}] {key} has no line in the authorization matrix (observed: {key} {string.Join(' ', row)})");
                continue;
            }

            for (var i = 0; i < columns.Count; i++)
            {
                var expected = matrix.Expected(section, key, columns[i])!;
                if (!AuthorizationMatrix.Matches(expected, row[i]))
                {
                    problems.AppendLine(CultureInfo.InvariantCulture, $"[{section}] {key} as {columns[i]}: expected {expected}, got {row[i]}");
                }
            }
        }

        foreach (var stale in matrix.Keys(section).Where(k => !observed.ContainsKey(k)))
        {
            problems.AppendLine(CultureInfo.InvariantCulture, $"[{section}] the matrix names {stale}, which the host no longer has");
        }

        File.WriteAllLines(
            Path.Combine(AppContext.BaseDirectory, $"authorization-matrix.{section}.observed.txt"),
            observed.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {string.Join(' ', o.Value)}"));
        Assert.True(problems.Length == 0, problems.ToString());
    }
}
