using System.Net.Sockets;
using System.Text;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// A sale batch whose body stalls after its first byte (a slow-loris client) is dropped by the silo (Kestrel's minimum
/// body data rate) and the refusal is counted in <c>/metrics</c> with its reason, as an operator watching the ingest
/// refusals sees it: nothing of it is recorded, and nothing of it is silent. Fault f of the fault suite does the same with
/// forty such connections on the full stack.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class StalledBodyTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const string StoreId = "store-sh001";

    [Fact]
    public async Task A_batch_body_that_stalls_is_dropped_and_counted_as_too_slow()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var before = (await ScrapedMetrics.Read(fixture.Silo.BaseAddress, cancellation)).Sum("storesales_ingest_batches_rejected_total", ("reason", "body_too_slow"));

        using var client = new TcpClient();
        await client.ConnectAsync(fixture.Silo.BaseAddress.Host, fixture.Silo.BaseAddress.Port, cancellation);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/stores/{StoreId}/sales/batches HTTP/1.1\r\nHost: {fixture.Silo.BaseAddress.Authority}\r\nX-Store-Key: demo-key-{StoreId}\r\n" +
            "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"), cancellation);

        // The server ends the connection (after the rate's grace period); the client sent nothing more.
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, cancellation) > 0)
        {
        }

        await Eventually.Holds(
            async () => (await ScrapedMetrics.Read(fixture.Silo.BaseAddress, cancellation)).Sum("storesales_ingest_batches_rejected_total", ("reason", "body_too_slow")) == before + 1,
            "the stalled batch is counted once under reason body_too_slow",
            TimeSpan.FromSeconds(30),
            cancellation);
    }
}
