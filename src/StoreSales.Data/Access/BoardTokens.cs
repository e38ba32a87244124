using Dapper;
using Npgsql;

namespace StoreSales.Data.Access;

/// <summary>
/// Read-only sign-ins for a store's TV board. A token is a long random secret shown once when issued; only its
/// SHA-256 is stored (as for the agents' store keys). Each token also has a short id (a prefix of the hash) by
/// which it is listed and revoked without the secret.
/// </summary>
public sealed class BoardTokens(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<IssuedToken> Issue(string storeId, string label, string issuedBy, CancellationToken cancellationToken)
    {
        var token = "ssb_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var tokenId = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            """
            INSERT INTO board_token (token_hash, store_id, label, created_by, created_at)
            VALUES (@hash, @storeId, @label, @issuedBy, @at)
            RETURNING token_id
            """,
            new { hash = StoreKeys.Hash(token), storeId, label, issuedBy, at = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
        return new IssuedToken(tokenId!, token);
    }

    /// <summary>The token's id and store, or null when the token is unknown or revoked.</summary>
    public async Task<BoardGrant?> Find(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BoardGrant>(new CommandDefinition(
            "SELECT token_id AS TokenId, store_id AS StoreId FROM board_token WHERE token_hash = @hash AND revoked_at IS NULL",
            new { hash = StoreKeys.Hash(token) },
            cancellationToken: cancellationToken));
    }

    /// <summary>Whether a TV signed in with this token may still show the store (asked again now and then).</summary>
    public async Task<bool> IsActive(string storeId, string tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM board_token WHERE token_id = @tokenId AND store_id = @storeId AND revoked_at IS NULL)",
            new { storeId, tokenId },
            cancellationToken: cancellationToken));
    }

    /// <summary>A store's tokens, newest first, revoked ones included (they are kept for the audit).</summary>
    public async Task<IReadOnlyList<BoardTokenEntry>> List(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BoardTokenEntry>(new CommandDefinition(
            """
            SELECT token_id AS TokenId, store_id AS StoreId, label AS Label, created_by AS CreatedBy,
                   created_at AS CreatedAt, revoked_at AS RevokedAt
            FROM board_token
            WHERE store_id = @storeId
            ORDER BY created_at DESC, token_id
            """,
            new { storeId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Revokes one of the store's tokens by its id; false when the store has no such token.</summary>
    public async Task<bool> Revoke(string storeId, string tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Revoking twice is no error: the first revocation time is kept.
        var revoked = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            """
            UPDATE board_token SET revoked_at = coalesce(revoked_at, @at)
            WHERE token_id = @tokenId AND store_id = @storeId
            RETURNING revoked_at
            """,
            new { storeId, tokenId, at = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
        return revoked is not null;
    }
}

/// <summary>A newly issued token: its id, and the secret, which is never stored or shown again.</summary>
public sealed record IssuedToken(string TokenId, string Token);

/// <summary>What a valid board token grants: one store's board, under the token's id.</summary>
public sealed record BoardGrant(string TokenId, string StoreId);

/// <summary>A board token as its store's manager sees it: never the secret.</summary>
public sealed record BoardTokenEntry(string TokenId, string StoreId, string Label, string CreatedBy, DateTime CreatedAt, DateTime? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
