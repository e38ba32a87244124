using StoreSales.Testing;

namespace StoreSales.EndToEnd.Tests;

/// <summary>The demo chain with a second command-center host on the same database and cluster (as behind the proxy).</summary>
public sealed class TwoCommandCentersFixture : ChainFixture
{
    public CommandCenterUnderTest Other { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Other = await CommandCenterUnderTest.Start(Database, ClusterId);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Other is not null)
        {
            await Other.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
