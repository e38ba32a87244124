namespace StoreSales.Edge.Configuration;

/// <summary>
/// The optional <c>Upload</c> section: the resilience pipeline around each batch POST and the waits of the
/// uploader between attempts. The defaults suit a store PC on an ordinary line.
/// </summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one batch on a transient failure, before the uploader waits and tries later.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Base of the exponential, jittered retry delay.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the circuit stays open after too many failures.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after the pipeline gave up; doubles up to <see cref="MaxFailureDelay"/>.</summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxFailureDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait after the server refused the store key (401/403): a configuration problem, not a network one.</summary>
    public TimeSpan AuthFailureDelay { get; set; } = TimeSpan.FromMinutes(1);
}
