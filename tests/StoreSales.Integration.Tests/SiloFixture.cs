using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>A real silo host on its own PostgreSQL database, shared by the ingest API tests.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public SiloUnderTest Silo { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("ingest");
        Silo = await SiloUnderTest.Start(Database, "ingest-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }
}
