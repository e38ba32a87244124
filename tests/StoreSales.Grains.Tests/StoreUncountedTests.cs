using System.Collections.Immutable;
using StoreSales.Abstractions.Stores;

namespace StoreSales.Grains.Tests;

/// <summary>Day-end reconciliation asks the store grain which of a terminal's sales its figures lack.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class StoreUncountedTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task The_store_names_the_sequences_its_figures_have_not_counted()
    {
        var store = fixture.Grains.GetGrain<IStoreGrain>("store-gz001");
        var now = DateTimeOffset.UtcNow;
        ImmutableArray<StoreSale> sales = [.. new long[] { 1, 2, 4 }.Select(sequence => new StoreSale("UC1", sequence, now, 5m, []))];
        await store.ApplySales(sales);

        var uncounted = await store.Uncounted("UC1", [1, 2, 3, 4, 5]);
        var unknownTerminal = await store.Uncounted("UC2", [1]);

        Assert.Equal([3L, 5L], uncounted);
        Assert.Equal([1L], unknownTerminal);
    }
}
