using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoreSales.Edge;
using StoreSales.Edge.Commands;
using StoreSales.Edge.Outbox;
using StoreSales.Edge.Status;
using StoreSales.Edge.Upload;
using StoreSales.Testing;
using static StoreSales.Testing.SaleFactory;

namespace StoreSales.EndToEnd.Tests;

/// <summary>
/// A real silo serving ingest over HTTPS with a certificate from its configuration (Kestrel:Endpoints, the way
/// deploy/README.md tells an operator to), made here as a store's IT would make a self-signed one; an agent pinned to that
/// certificate (or its public key) sends its sales, and an agent pinned to another refuses to send, says so in its
/// status and in <c>doctor</c>, and counts it, while its sale waits in the outbox.
/// </summary>
public sealed class ServerCertificatePinTests(ServerCertificatePinTests.HttpsSilo silo) : IClassFixture<ServerCertificatePinTests.HttpsSilo>
{
    private const string StoreId = "store-sh002";
    private const string WrongPin = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("certificate")]
    [InlineData("public key")]
    public async Task An_agent_pinned_to_the_servers_certificate_sends_its_sales_over_https(string pinned)
    {
        var pin = pinned == "certificate" ? ServerCertificatePin.CertificateSha256(silo.Certificate) : ServerCertificatePin.PublicKeySha256(silo.Certificate);
        var terminal = pinned == "certificate" ? "T21" : "T22";
        using var directory = new TempDirectory();
        using var agent = await StartAgent(directory.File("outbox.db"), pin);

        Sell(agent, terminal);

        await Eventually.Holds(async () => await silo.Database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND terminal_id = @terminal", new { StoreId, terminal }) == 1, "the pinned agent's sale is in the ledger", cancellationToken: Cancellation);
        Assert.Equal(0, agent.Services.GetRequiredService<ServerCertificatePin>().Mismatches);
        await agent.StopAsync(Cancellation);
    }

    [Fact]
    public async Task An_agent_pinned_to_another_certificate_refuses_to_send_and_says_so()
    {
        using var directory = new TempDirectory();
        using var agent = await StartAgent(directory.File("outbox.db"), WrongPin);

        Sell(agent, "T23");

        var status = agent.Services.GetRequiredService<AgentStatus>();
        await Eventually.Holds(() => status.Snapshot().ServerCertificate is { Mismatches: > 0 }, "the agent refused the server's certificate", cancellationToken: Cancellation);
        var refused = status.Snapshot();
        Assert.True(refused.ServerCertificate!.Pinned);
        Assert.Contains("not the one Agent:ServerCertificatePin names", refused.ServerCertificate.LastMismatch, StringComparison.Ordinal);
        Assert.Contains(ServerCertificatePin.CertificateSha256(silo.Certificate), refused.ServerCertificate.LastMismatch, StringComparison.Ordinal);
        Assert.Equal(1, refused.OutboxDepth);
        Assert.Equal(0, refused.Upload.Acked);
        Assert.Equal(0, await silo.Database.Count("SELECT count(*) FROM sale WHERE store_id = @StoreId AND terminal_id = 'T23'", new { StoreId }));

        using var output = new StringWriter();
        var exit = await DoctorCommand.Run(agent.Services, output, Cancellation);
        Assert.Equal(1, exit);
        Assert.Contains("is not the pinned one", output.ToString(), StringComparison.Ordinal);
        await agent.StopAsync(Cancellation);
    }

    [Fact]
    public void A_pin_with_a_plain_http_server_stops_the_agent_naming_the_key()
    {
        using var directory = new TempDirectory();
        using var agent = EdgeAgentHost.Build(AgentSettings(directory.File("outbox.db"), WrongPin, "http://127.0.0.1:5070"));

        var refused = Assert.ThrowsAny<Exception>(() => agent.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StoreSales.Edge.Configuration.AgentOptions>>().Value);

        Assert.Contains("Agent:ServerCertificatePin is set, so every server must be https", refused.Message, StringComparison.Ordinal);
    }

    private async Task<IHost> StartAgent(string outboxPath, string pin)
    {
        var agent = EdgeAgentHost.Build(AgentSettings(outboxPath, pin, silo.HttpsAddress.ToString()));
        await agent.StartAsync(Cancellation);
        return agent;
    }

    private static Dictionary<string, string?> AgentSettings(string outboxPath, string pin, string server) => new()
    {
        ["Agent:StoreId"] = StoreId,
        ["Agent:ServerUrl"] = server,
        ["Agent:StoreKey"] = "demo-key-store-sh002",
        ["Agent:ServerCertificatePin"] = pin,
        ["Agent:OutboxPath"] = outboxPath,
        ["Upload:RetryDelay"] = "00:00:00.050",
        ["Upload:MaxRetryDelay"] = "00:00:00.500",
        ["Logging:LogLevel:Default"] = "Critical",
    };

    private static void Sell(IHost agent, string terminal) =>
        agent.Services.GetRequiredService<SqliteOutbox>().Queue.Append(Sale(terminal, 0, DateTimeOffset.UtcNow, ("6920433218190", 1, 3m)) with { ReceiptNumber = $"P{Guid.NewGuid():N}"[..12] });

    /// <summary>The demo chain's silo on HTTPS only, with a self-signed certificate for 127.0.0.1 made for this run.</summary>
    public sealed class HttpsSilo : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new();

        public TestDatabase Database { get; private set; } = null!;

        public SiloUnderTest Silo { get; private set; } = null!;

        public X509Certificate2 Certificate { get; private set; } = null!;

        public Uri HttpsAddress { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Certificate = SelfSigned();
            var pfx = _directory.File("silo.pfx");
            await File.WriteAllBytesAsync(pfx, Certificate.Export(X509ContentType.Pfx, "pfx-password-for-the-test"));
            HttpsAddress = new Uri($"https://127.0.0.1:{FreeTcpPort.Next()}");
            Database = await TestDatabase.Create("https");
            // As deploy/README.md configures it: a Kestrel endpoint with the certificate's file and password.
            Silo = await SiloUnderTest.Start(Database, "https-" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Https:Url"] = HttpsAddress.ToString(),
                ["Kestrel:Endpoints:Https:Certificate:Path"] = pfx,
                ["Kestrel:Endpoints:Https:Certificate:Password"] = "pfx-password-for-the-test",
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (Silo is not null)
            {
                await Silo.DisposeAsync();
            }

            if (Database is not null)
            {
                await Database.DisposeAsync();
            }

            Certificate?.Dispose();
            _directory.Dispose();
        }

        private static X509Certificate2 SelfSigned()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=storesales-silo-test", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            var now = DateTimeOffset.UtcNow;
            return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        }
    }
}
