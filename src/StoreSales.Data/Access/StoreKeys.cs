using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace StoreSales.Data.Access;

/// <summary>
/// Per-store API keys of the edge agents: issued, listed, rotated and revoked by an administrator. Only a SHA-256 of
/// each key is stored: the keys are long random secrets, so a fast hash is enough and a stolen table reveals no key.
/// A key is named by its id (the first 12 hex digits of the hash) and shown by its prefix, never whole after its issue.
/// </summary>
public sealed class StoreKeys(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>How many characters of a key are kept to show it by: "ssk_" and 8 of its 48 random hex digits.</summary>
    public const int PrefixLength = 12;

    private const string Columns = """
        key_id AS KeyId, store_id AS StoreId, prefix AS Prefix, label AS Label, issued_by AS IssuedBy, created_at AS CreatedAt,
        expires_at AS ExpiresAt, revoked_at AS RevokedAt, revoked_by AS RevokedBy, replaced_by AS ReplacedBy
        """;

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A new random key, for provisioning a store.</summary>
    public static string NewKey() => "ssk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The store a key belongs to, or null when the key is unknown, revoked, or past its rotation overlap.</summary>
    public async Task<string?> FindStore(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT store_id FROM store_api_key WHERE key_hash = @hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
            new { hash = Hash(key), now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
    }

    public async Task Add(string storeId, string key, string label, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO store_api_key (key_hash, store_id, label, prefix) VALUES (@hash, @storeId, @label, @prefix) ON CONFLICT (key_hash) DO NOTHING",
            new { hash = Hash(key), storeId, label, prefix = Prefix(key) },
            cancellationToken: cancellationToken));
    }

    /// <summary>Issues a new key for the store; null when the store is unknown. The secret is in the answer only.</summary>
    public async Task<IssuedStoreKey?> Issue(string storeId, string label, string issuedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Insert(connection, null, storeId, label, issuedBy, cancellationToken);
    }

    /// <summary>Keys, newest first, revoked and expired ones included (kept for the audit); one store's, or every store's.</summary>
    public async Task<IReadOnlyList<StoreKeyEntry>> List(string? storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoreKeyEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM store_api_key WHERE @storeId::text IS NULL OR store_id = @storeId ORDER BY store_id, created_at DESC, key_id",
            new { storeId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Issues the key's successor (same store and label) and lets the old key work <paramref name="overlap"/> longer, so
    /// the agent can be given the new one meanwhile. Null when no active key has that id; a key rotated before keeps the
    /// earlier of its ends.
    /// </summary>
    public async Task<IssuedStoreKey?> Rotate(string keyId, TimeSpan overlap, string rotatedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var old = await connection.QuerySingleOrDefaultAsync<StoreKeyEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM store_api_key WHERE key_id = @keyId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now) FOR UPDATE",
            new { keyId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (old is null)
        {
            return null;
        }

        var issued = await Insert(connection, transaction, old.StoreId, old.Label, rotatedBy, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE store_api_key SET expires_at = least(coalesce(expires_at, 'infinity'), @end), replaced_by = @successor WHERE key_id = @keyId",
            new { keyId, end = now + overlap, successor = issued!.Entry.KeyId },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return issued;
    }

    /// <summary>Revokes a key by its id, at once; null when there is no such key. Revoking twice keeps the first time and person.</summary>
    public async Task<StoreKeyEntry?> Revoke(string keyId, string revokedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoreKeyEntry>(new CommandDefinition(
            $"""
            UPDATE store_api_key SET revoked_at = coalesce(revoked_at, @at), revoked_by = coalesce(revoked_by, @revokedBy)
            WHERE key_id = @keyId
            RETURNING {Columns}
            """,
            new { keyId, revokedBy, at = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
    }

    private async Task<IssuedStoreKey?> Insert(NpgsqlConnection connection, NpgsqlTransaction? transaction, string storeId, string label, string issuedBy, CancellationToken cancellationToken)
    {
        var key = NewKey();
        var entry = await connection.QuerySingleOrDefaultAsync<StoreKeyEntry>(new CommandDefinition(
            $"""
            INSERT INTO store_api_key (key_hash, store_id, label, prefix, issued_by, created_at)
            SELECT @hash, store_id, @label, @prefix, @issuedBy, @at FROM store WHERE store_id = @storeId
            RETURNING {Columns}
            """,
            new { hash = Hash(key), storeId, label, prefix = Prefix(key), issuedBy, at = clock.GetUtcNow().UtcDateTime },
            transaction,
            cancellationToken: cancellationToken));
        return entry is null ? null : new IssuedStoreKey(key, entry);
    }

    private static string Prefix(string key) => key.Length <= PrefixLength ? "" : key[..PrefixLength];
}
