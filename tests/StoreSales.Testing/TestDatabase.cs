using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StoreSales.Data.Demo;
using StoreSales.Data.Migrations;

namespace StoreSales.Testing;

/// <summary>
/// A fresh database on the test PostgreSQL server (started by deploy/local/test.sh; connection in
/// <c>STORESALES_TEST_PG</c>), migrated with the real migrations and seeded with the demo chain. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "STORESALES_TEST_PG";
    private const string DefaultServer = "Host=127.0.0.1;Port=55433;Username=postgres";

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

    public static async Task<TestDatabase> Create(string purpose, bool seedDemo = true)
    {
        var unique = $"t_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        var name = unique[..Math.Min(unique.Length, 40)];
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
        DatabaseMigrator.Migrate(connectionString, NullLogger.Instance);
        var database = new TestDatabase(name, connectionString);
        if (seedDemo)
        {
            await new DemoChainSeeder(database.DataSource)
                .Seed(DemoChainSeeder.ReadChain(RepositoryPaths.DemoChain), RepositoryPaths.DemoItems, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        }

        return database;
    }

    public async Task<long> Count(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
