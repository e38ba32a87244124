using System.Diagnostics.Metrics;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoreSales.Edge.Configuration;

namespace StoreSales.Edge.Upload;

/// <summary>
/// The server's certificate as the agent expects it (<c>Agent:ServerCertificatePin</c>): the SHA-256 of the certificate or
/// of its public key. With a pin the agent trusts that certificate and nothing else, whoever signed it (a store's silo
/// often has a self-signed certificate, and a rogue one signed by a trusted CA is still refused); a mismatch refuses the
/// connection before a byte of a sale or the store key is sent, is counted, logged, and shown by <c>doctor</c> and the
/// status. Without a pin the operating system's usual validation applies.
/// </summary>
public sealed partial class ServerCertificatePin
{
    public const string MeterName = "StoreSales.Edge.Tls";

    private readonly byte[]? _pin;
    private readonly ILogger _logger;
    private readonly Counter<long> _mismatchCounter;
    private long _mismatches;
    private string? _lastMismatch;

    public ServerCertificatePin(IOptions<AgentOptions> agent, IMeterFactory meterFactory, ILogger<ServerCertificatePin> logger)
    {
        _pin = Parse(agent.Value.ServerCertificatePin);
        _logger = logger;
        _mismatchCounter = meterFactory.Create(MeterName)
            .CreateCounter<long>("storesales.edge.server_certificate.mismatches", description: "Connections refused because the server's certificate is not the pinned one (Agent:ServerCertificatePin)");
    }

    /// <summary>Whether a pin is configured.</summary>
    public bool IsPinned => _pin is not null;

    /// <summary>Connections refused because the server's certificate was not the pinned one.</summary>
    public long Mismatches => Interlocked.Read(ref _mismatches);

    /// <summary>The last refusal in words (server and the certificate it presented), or null.</summary>
    public string? LastMismatch => Volatile.Read(ref _lastMismatch);

    /// <summary>The pin as bytes, or null when <paramref name="pin"/> is empty; hex, upper or lower case, colons and spaces allowed.</summary>
    public static byte[]? Parse(string? pin)
    {
        var hex = (pin ?? "").Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return hex.Length == 0 ? null : Convert.FromHexString(hex);
    }

    /// <summary>The SHA-256 of the whole certificate (what <c>openssl x509 -fingerprint -sha256</c> prints), hex.</summary>
    public static string CertificateSha256(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    /// <summary>The SHA-256 of the certificate's public key (SubjectPublicKeyInfo), hex: it survives a renewal with the same key.</summary>
    public static string PublicKeySha256(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>The handler every connection to the servers goes through: pinned when a pin is set.</summary>
    public SocketsHttpHandler Handler()
    {
        var handler = new SocketsHttpHandler();
        if (_pin is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = Validate;
        }

        return handler;
    }

    private bool Validate(object sender, X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            return Refuse(sender, "no certificate");
        }

        using var certificate = new X509Certificate2(presented);
        var whole = SHA256.HashData(certificate.RawData);
        var key = SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());
        return CryptographicOperations.FixedTimeEquals(whole, _pin) || CryptographicOperations.FixedTimeEquals(key, _pin)
            || Refuse(sender, $"certificate SHA-256 {Convert.ToHexString(whole)} (public key {Convert.ToHexString(key)})");
    }

    private bool Refuse(object sender, string presented)
    {
        var server = (sender as SslStream)?.TargetHostName ?? "the server";
        var words = $"{server} presented {presented}, not the one Agent:ServerCertificatePin names: nothing was sent";
        Volatile.Write(ref _lastMismatch, words);
        Interlocked.Increment(ref _mismatches);
        _mismatchCounter.Add(1);
        LogMismatch(_logger, words);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Server certificate refused: {Words}")]
    private static partial void LogMismatch(ILogger logger, string words);
}
