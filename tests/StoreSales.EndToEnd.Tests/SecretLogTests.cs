using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Ports;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using StoreSales.CommandCenter.Access;
using StoreSales.Contracts.Ingest;
using StoreSales.EndToEnd.Tests.Cluster;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// No secret in any log (issue 12, docs/design.md "Secrets"): the silo, the command center and an edge agent run as real
/// processes at the shipped log levels (ASP.NET Core raised to Information too), on a database login with a password,
/// with notification channels holding a webhook key and an SMTP password. A store key is issued and used by the agent, a
/// person signs in with a password, a TV with the demo board token; a wrong key and a wrong password are tried too. Then
/// every line every process wrote is searched for each secret, plain and URL-encoded.
/// </summary>
public sealed class SecretLogTests
{
    private const string StoreId = "store-hz001";
    private const string Terminal = "T09";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task No_key_password_or_token_reaches_any_log_of_the_stack()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var unique = Guid.NewGuid().ToString("N");
        var database = await TestDatabase.Create("secretlogs");
        var role = $"app_{unique[..12]}";
        try
        {
            await Exercise(database, role, unique, cancellation);
        }
        finally
        {
            // The login outlives nothing of the test: dropped once its database is.
            await database.DisposeAsync();
            await using var admin = new NpgsqlConnection(TestDatabase.ServerConnectionString);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{role}\"", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task Exercise(TestDatabase database, string role, string unique, CancellationToken cancellation)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connection-string password"] = $"db-pass-{unique}",
            ["staff password"] = $"Staff-Pass-{unique[..16]}!9",
            ["wrong staff password"] = $"Wrong-Pass-{unique[..16]}!9",
            ["WeCom robot webhook key"] = $"wecom-key-{unique}",
            ["WeCom app secret"] = $"wecom-secret-{unique}",
            ["DingTalk access token"] = $"ding-token-{unique}",
            ["DingTalk signing secret"] = $"ding-secret-{unique}",
            ["SMTP password"] = $"smtp-pass-{unique}",
            ["quote verification key"] = $"quote-key-{unique}",
            ["wrong store key"] = $"ssk_wrong{unique}",
        };
        await CreateLogin(database, role, secrets["connection-string password"], cancellation);
        using var directory = new TempDirectory();
        var boardLinkFile = directory.File("board-link");
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = secrets["connection-string password"] }.ConnectionString;
        var shared = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:StoreSales"] = connectionString,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        };
        var commandCenter = new Dictionary<string, string>(shared, StringComparer.Ordinal)
        {
            ["Demo:StaffPassword"] = secrets["staff password"],
            ["Demo:BoardLinkFile"] = boardLinkFile,
            ["Quotes:VerificationKey"] = secrets["quote verification key"],
            ["Notifications:Channels:WeComRobot:Enabled"] = "true",
            ["Notifications:Channels:WeComRobot:Robots:ops"] = secrets["WeCom robot webhook key"],
            ["Notifications:Channels:WeComApp:Enabled"] = "true",
            ["Notifications:Channels:WeComApp:CorpId"] = "corp-test",
            ["Notifications:Channels:WeComApp:AgentId"] = "1000002",
            ["Notifications:Channels:WeComApp:Secret"] = secrets["WeCom app secret"],
            ["Notifications:Channels:DingTalk:Enabled"] = "true",
            ["Notifications:Channels:DingTalk:Robots:ops:AccessToken"] = secrets["DingTalk access token"],
            ["Notifications:Channels:DingTalk:Robots:ops:Secret"] = secrets["DingTalk signing secret"],
            ["Notifications:Channels:Email:Enabled"] = "true",
            ["Notifications:Channels:Email:Host"] = "127.0.0.1",
            ["Notifications:Channels:Email:UserName"] = "alerts",
            ["Notifications:Channels:Email:Password"] = secrets["SMTP password"],
            ["Notifications:Channels:Email:From"] = "alerts@storesales.test",
        };
        var agentLines = new ConcurrentQueue<string>();
        await using var cluster = await ClusterUnderTest.Start(database, silos: 1, commandCenters: 1, shared, commandCenter, cancellation);
        try
        {
            var front = cluster.CommandCenters[0].BaseAddress;

            // A person signs in with a password; a wrong one is refused (and logged as a failure, without it).
            using var admin = await SignIn(front, DemoLogins.Admin, secrets["staff password"], HttpStatusCode.NoContent, cancellation);
            using (await SignIn(front, DemoLogins.Hq, secrets["wrong staff password"], HttpStatusCode.Unauthorized, cancellation))
            {
            }

            // The demo board token, handed over in its file (never in the log), signs a TV in; a wrong one is refused.
            await Eventually.Holds(() => File.Exists(boardLinkFile) && File.ReadAllText(boardLinkFile).Length > 0, "the demo board link is written", Limit, cancellation);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(boardLinkFile));
            }

            var boardLink = File.ReadAllText(boardLinkFile).Trim();
            secrets["board token"] = Uri.UnescapeDataString(boardLink[(boardLink.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
            using var tv = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = front };
            using (var signedIn = await tv.GetAsync(boardLink, cancellation))
            {
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            using (var refused = await tv.GetAsync("/board/sign-in?token=ssb_" + unique, cancellation))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            secrets["wrong board token"] = "ssb_" + unique;

            // A store key issued by the administrator, used by a real agent process for a sale rung up on its till.
            using var issued = await admin.PostAsJsonAsync("/api/admin/store-keys", new { storeId = StoreId, label = "secret-log test" }, cancellation);
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            secrets["store key"] = (await issued.Content.ReadFromJsonAsync<StoreKeyEndpoints.IssuedStoreKeyView>(cancellation))!.Key;
            await using var till = await SocatPair.StartAsync(directory.Path, "till", cancellation);
            using var agent = AgentProcess.Start(
                [
                    Path.Combine(AppContext.BaseDirectory, "StoreSales.Edge.dll"),
                    $"--Agent:StoreId={StoreId}",
                    $"--Agent:ServerUrl={cluster.Silos[0].BaseAddress}",
                    $"--Agent:StoreKey={secrets["store key"]}",
                    $"--Agent:OutboxPath={directory.File("outbox.db")}",
                    $"--Terminals:0:TerminalId={Terminal}",
                    $"--Terminals:0:TillPort={till.AgentEnd}",
                    "--Upload:RetryDelay=00:00:00.050",
                    "--Upload:MaxRetryDelay=00:00:00.500",
                    "--Logging:LogLevel:Default=Information",
                ],
                agentLines.Enqueue);
            try
            {
                RingUp(till.DeviceEnd);
                await Eventually.Holds(
                    async () => await database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND terminal_id = @Terminal", new { StoreId, Terminal }) == 1,
                    "the agent's sale is in the ledger",
                    Limit,
                    cancellation);
            }
            finally
            {
                agent.Kill(entireProcessTree: true);
                await agent.WaitForExitAsync(cancellation);
            }

            // A wrong store key is refused by the silo.
            using (var wrong = new HttpClient { BaseAddress = cluster.Silos[0].BaseAddress })
            {
                wrong.DefaultRequestHeaders.Add("X-Store-Key", secrets["wrong store key"]);
                var sale = Sale(Terminal, 99, DateTimeOffset.UtcNow, ("6920433218190", 1, 2m));
                using var refused = await wrong.PostAsJsonAsync($"/api/stores/{StoreId}/sales/batches", new SaleBatch { Sales = [sale] }, cancellation);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            // Stopped in order, so every buffered line is in the files before they are read.
            foreach (var node in cluster.CommandCenters.Concat(cluster.Silos))
            {
                await node.Stop(cancellation);
            }
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{cluster.Tails()}", exception);
        }

        var lines = cluster.CommandCenters.Concat(cluster.Silos)
            .SelectMany(node => File.ReadLines(node.Log).Select(line => (Source: node.Name, Line: line)))
            .Concat(agentLines.Select(line => (Source: "agent", Line: line)))
            .ToList();

        // The scan is not vacuous: the processes logged, the demo sign-in line among them, the agent too.
        Assert.Contains(lines, l => l.Source.StartsWith("commandcenter", StringComparison.Ordinal) && l.Line.Contains("Demo sign-ins", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Source.StartsWith("silo", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Source == "agent");
        var hits = (from secret in secrets
                    from form in Forms(secret.Value)
                    from line in lines
                    where line.Line.Contains(form, StringComparison.Ordinal)
                    select $"{secret.Key} in {line.Source}: {line.Line}").Distinct().ToList();
        Assert.True(hits.Count == 0, $"Secrets in the logs ({cluster.Logs}):{Environment.NewLine}{string.Join(Environment.NewLine, hits)}");
    }

    /// <summary>A secret as it could appear in a log line: as is, and URL-encoded in a logged URL.</summary>
    private static IEnumerable<string> Forms(string secret) =>
        new[] { secret, Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret) }.Distinct(StringComparer.Ordinal);

    /// <summary>
    /// A login of its own with a password, so the connection string carries one: a member of the database's owner, which
    /// gives it the rights on the migrated tables the hosts need, and nothing more (no superuser).
    /// </summary>
    private static async Task CreateLogin(TestDatabase database, string role, string password, CancellationToken cancellation)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await admin.OpenAsync(cancellation);
        var owner = await Dapper.SqlMapper.ExecuteScalarAsync<string>(admin, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = @name", new { name = database.Name });
        await using var create = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}' IN ROLE \"{owner}\"", admin);
        await create.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<HttpClient> SignIn(Uri front, string userName, string password, HttpStatusCode expected, CancellationToken cancellation)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = front };
        using var response = await client.PostAsJsonAsync("/api/account/sign-in", new { userName, password }, cancellation);
        Assert.Equal(expected, response.StatusCode);
        return client;
    }

    private static void RingUp(string devicePath)
    {
        using var device = new SerialPort(devicePath, 9600);
        device.Open();
        var at = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes($"S|sale|S0001|{at}|C01||\nL|6920433218190|1|2.00|0|2.00\nT|2.00|cash:2.00\n");
        device.Write(bytes, 0, bytes.Length);
    }
}
