using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StoreSales.Data.Demo;
using StoreSales.Data.Migrations;

namespace StoreSales.Testing;

/// <summary>
/// A fresh database on the test PostgreSQL server (started by deploy/local/test.sh; connection in
/// <c>STORESALES_TEST_PG</c>), migrated with the real migrations and seeded with the demo chain. Dropped on dispose.
/// </summary>
/// <remarks>
/// The suite makes some hundred of these. Migrating and seeding each took ~0.6 s of the test process's CPU and the
/// server's; a copy of a template made once (<c>CREATE DATABASE … TEMPLATE</c>) takes ~0.15 s of the server's alone. The
/// template is made the first time a process asks, by the real migrations and seeding, under a name that changes with
/// the migrations' assembly, the demo chain's files and the day (the seeding dates the chain's targets), so processes of
/// one build share it and a new build or day makes its own. A check of the migrations themselves asks for <c>fresh</c>.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "STORESALES_TEST_PG";
    private const string DefaultServer = "Host=127.0.0.1;Port=55433;Username=postgres";
    private const string TemplatePrefix = "t_tpl_";
    private static readonly ConcurrentDictionary<bool, Lazy<Task<string>>> Templates = new();

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : DefaultServer;

    /// <param name="purpose">A word for the database's name, to tell it apart on the server.</param>
    /// <param name="seedDemo">With the demo chain (regions, stores, tills, reps, items, targets), or the schema alone.</param>
    /// <param name="fresh">Migrated and seeded in place rather than copied from the template.</param>
    public static async Task<TestDatabase> Create(string purpose, bool seedDemo = true, bool fresh = false)
    {
        var name = UniqueName(purpose);
        if (fresh)
        {
            await Prepare(ConnectionStringOf(name), seedDemo);
        }
        else
        {
            await CopyTemplate(name, seedDemo, retryIfGone: true);
        }

        return new TestDatabase(name, ConnectionStringOf(name));
    }

    private static async Task CopyTemplate(string name, bool seedDemo, bool retryIfGone)
    {
        var making = Templates.GetOrAdd(seedDemo, demo => new Lazy<Task<string>>(() => Template(demo)));
        string template;
        try
        {
            template = await making.Value;
        }
        catch
        {
            // The next database asked for tries again rather than inherit this failure.
            Templates.TryRemove(new KeyValuePair<bool, Lazy<Task<string>>>(seedDemo, making));
            throw;
        }

        try
        {
            await Admin($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        catch (PostgresException gone) when (gone.SqlState == PostgresErrorCodes.InvalidCatalogName && retryIfGone)
        {
            // A run that crosses midnight (UTC): a process started after it made the new day's template and dropped this
            // process's, then unused. This process takes the new day's template too, as a process started now would.
            Templates.TryRemove(new KeyValuePair<bool, Lazy<Task<string>>>(seedDemo, making));
            await CopyTemplate(name, seedDemo, retryIfGone: false);
        }
    }

    public async Task<long> Count(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE ends the hosts' connections to it; clearing every pool of the process here (as this once did) made every
        // other test's hosts open new server processes after each of the suite's hundred-odd drops.
        await DataSource.DisposeAsync();
        await Admin($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static string UniqueName(string purpose)
    {
        var unique = $"t_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        return unique[..Math.Min(unique.Length, 40)];
    }

    private static string ConnectionStringOf(string name) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;

    private static async Task Prepare(string connectionString, bool seedDemo)
    {
        DatabaseMigrator.Migrate(connectionString, NullLogger.Instance);
        if (seedDemo)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new DemoChainSeeder(dataSource)
                .Seed(DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain), RepositoryPaths.DemoItems, Today, CancellationToken.None);
        }
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// The template's name, made if no process of this build made it today: built under a name of its own and renamed
    /// when complete (a rename is atomic, and a database can be copied only while nobody is connected to it), so a copy
    /// never starts from half a template; of two processes building at once, the second's is dropped.
    /// </summary>
    private static async Task<string> Template(bool seedDemo)
    {
        var fingerprint = Fingerprint();
        var name = $"{TemplatePrefix}{(seedDemo ? "demo" : "bare")}_{fingerprint}";
        if (await Exists(name))
        {
            return name;
        }

        var building = UniqueName("tplbuild");
        var connectionString = ConnectionStringOf(building);
        await Prepare(connectionString, seedDemo);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        try
        {
            await Admin($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
        }
        catch (PostgresException)
        {
            // Another process renamed its own first (42P04, or 23505 when the two renames meet in the catalog).
            if (!await Exists(name))
            {
                throw;
            }

            await Admin($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
        }

        await DropOtherTemplates(fingerprint);
        return name;
    }

    /// <summary>Changes with the migrations (their assembly), the demo chain's files and the day of the seeding.</summary>
    private static string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(typeof(DatabaseMigrator).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        hash.AppendData(File.ReadAllBytes(RepositoryPaths.DemoChain));
        hash.AppendData(File.ReadAllBytes(RepositoryPaths.DemoItems));
        hash.AppendData(Encoding.UTF8.GetBytes(Today.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Earlier builds' and days' templates; one still being copied from stays (no FORCE) until a later run.</summary>
    private static async Task DropOtherTemplates(string fingerprint)
    {
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        var stale = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 't\\_tpl\\_%' AND datname NOT LIKE '%' || @fingerprint", admin))
        {
            list.Parameters.AddWithValue("fingerprint", fingerprint);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stale.Add(reader.GetString(0));
            }
        }

        foreach (var database in stale)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\"", admin);
                await drop.ExecuteNonQueryAsync();
            }
            catch (PostgresException)
            {
                // In use by a process of another build: that run's or a later one's cleanup takes it.
            }
        }
    }

    private static async Task<bool> Exists(string name)
    {
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        query.Parameters.AddWithValue("name", name);
        return await query.ExecuteScalarAsync() is not null;
    }

    private static async Task Admin(string sql)
    {
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
