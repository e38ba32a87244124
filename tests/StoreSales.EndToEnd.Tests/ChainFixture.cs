using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>One demo chain (database, silo, command center with the demo staff) shared by a test class.</summary>
public class ChainFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public SiloUnderTest Silo { get; private set; } = null!;

    public CommandCenterUnderTest CommandCenter { get; private set; } = null!;

    public string ClusterId { get; } = "chain-" + Guid.NewGuid().ToString("N")[..8];

    public virtual async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.Create("chain");
        Silo = await SiloUnderTest.Start(Database, ClusterId);
        CommandCenter = await StartCommandCenter();
    }

    /// <summary>The command center of the chain; a fixture that needs other services starts its own.</summary>
    protected virtual Task<CommandCenterUnderTest> StartCommandCenter() => CommandCenterUnderTest.Start(Database, ClusterId);

    public virtual async ValueTask DisposeAsync()
    {
        // Null when start-up failed half way: dispose what did start.
        if (CommandCenter is not null)
        {
            await CommandCenter.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
