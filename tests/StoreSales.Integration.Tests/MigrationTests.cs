using Microsoft.Extensions.Logging.Abstractions;
using StoreSales.Data.Migrations;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_create_the_orleans_and_ledger_schema_once()
    {
        await using var database = await TestDatabase.Create("migrate", seedDemo: false, fresh: true);

        var second = DatabaseMigrator.Migrate(database.ConnectionString, NullLogger.Instance);

        Assert.Empty(second);
        var scripts = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
        Assert.True(scripts >= 7);
        Assert.Equal(scripts, await database.Count("SELECT count(*) FROM schemaversions"));
        // Every query the Orleans 10.4 ADO.NET providers ask for, including the clustering cleanup query
        // that released PostgreSQL scripts lack.
        string[] keys =
        [
            "CleanupDefunctSiloEntriesKey", "GatewaysQueryKey", "MembershipReadAllKey", "InsertMembershipKey", "UpdateMembershipKey",
            "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "UpsertReminderRowKey", "ReadRangeRows1Key",
        ];
        foreach (var key in keys)
        {
            Assert.Equal(1, await database.Count("SELECT count(*) FROM orleansquery WHERE querykey = @key", new { key }));
        }
    }
}
