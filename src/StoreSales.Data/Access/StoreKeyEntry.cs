namespace StoreSales.Data.Access;

/// <summary>A store key as listed: its id and prefix, never its secret; when it stops working (revoked, or its rotation overlap ends).</summary>
public sealed record StoreKeyEntry(
    string KeyId,
    string StoreId,
    string Prefix,
    string Label,
    string? IssuedBy,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    string? RevokedBy,
    string? ReplacedBy)
{
    /// <summary>Whether an agent sending this key at <paramref name="now"/> is let in.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } end || LedgerTime.Utc(end) > now);
}

/// <summary>A key just issued: the secret, shown this once, and its listing.</summary>
public sealed record IssuedStoreKey(string Key, StoreKeyEntry Entry);
