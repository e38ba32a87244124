namespace StoreSales.Silo.Access;

/// <summary>How the silo checks the edge agents' store keys (section <c>Access</c> of the silo).</summary>
public sealed class StoreKeyOptions
{
    public const string SectionName = "Access";

    /// <summary>
    /// How long a store key's answer (its store, or unknown) is reused before the key is looked up again: a busy store
    /// costs no query per batch, and a key revoked (or past its rotation overlap) is refused within this time. Default 1 minute.
    /// </summary>
    public TimeSpan StoreKeyRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Null when the settings are usable, otherwise what is wrong.</summary>
    public string? Validate() =>
        StoreKeyRecheck <= TimeSpan.Zero || StoreKeyRecheck > TimeSpan.FromHours(1)
            ? $"Access:StoreKeyRecheck must be more than 0 and at most 01:00:00 (a revoked key must stop soon); was {StoreKeyRecheck}."
            : null;
}
