using StoreSales.Edge.Upload;

namespace StoreSales.Edge.Tests.Upload;

/// <summary>The uploader's batch size after 413s: halved down to one sale, the configured size again once reset.</summary>
public sealed class UploadBatchSizeTests
{
    [Theory]
    [InlineData(200, 200, 100)]
    [InlineData(200, 61, 30)] // the outbox held fewer than the size: half of what was sent
    [InlineData(200, 3, 1)]
    [InlineData(200, 1, 1)] // never below one sale
    public void A_refused_batch_halves_the_next_ones(int configured, int refused, int next)
    {
        var size = new UploadBatchSize(configured);

        Assert.Equal(next, size.Halve(refused));
        Assert.Equal(next, size.Current);
    }

    [Fact]
    public void Halvings_add_up_and_a_reset_restores_the_configured_size()
    {
        var size = new UploadBatchSize(200);

        size.Halve(200);
        size.Halve(size.Current);
        var afterTwo = size.Current;
        size.Reset();

        Assert.Equal((50, 200), (afterTwo, size.Current));
    }
}
