namespace StoreSales.Edge.Configuration;

/// <summary>
/// The optional <c>Upload</c> section: the circuit breaker and timeout around each batch POST and the uploader's
/// one retry layer between passes. The defaults suit a store PC on an ordinary line.
/// </summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// First wait after a failed upload pass (network error, timeout, 5xx, an open circuit); doubles, jittered, up to
    /// <see cref="MaxRetryDelay"/>. Uploads have this one retry layer (the uploader's, <c>RetryUntilItWorks</c>).
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two upload passes, also the most a server's Retry-After is waited out.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the circuit stays open after too many failures.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the server refused the store key (401/403): a configuration problem, not a network one.</summary>
    public TimeSpan AuthFailureDelay { get; set; } = TimeSpan.FromMinutes(1);
}
