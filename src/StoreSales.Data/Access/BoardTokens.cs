using Dapper;
using Npgsql;

namespace StoreSales.Data.Access;

/// <summary>
/// Read-only sign-ins for a store's TV board. A token is a long random secret shown once when issued; only its
/// SHA-256 is stored (as for the agents' store keys).
/// </summary>
public sealed class BoardTokens(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<string> Issue(string storeId, string label, string issuedBy, CancellationToken cancellationToken)
    {
        var token = "ssb_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO board_token (token_hash, store_id, label, created_by, created_at)
            VALUES (@hash, @storeId, @label, @issuedBy, @at)
            """,
            new { hash = StoreKeys.Hash(token), storeId, label, issuedBy, at = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>The store a token shows, or null when the token is unknown or revoked.</summary>
    public async Task<string?> FindStore(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT store_id FROM board_token WHERE token_hash = @hash AND revoked_at IS NULL",
            new { hash = StoreKeys.Hash(token) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> Revoke(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE board_token SET revoked_at = @at WHERE token_hash = @hash AND revoked_at IS NULL",
            new { hash = StoreKeys.Hash(token), at = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken)) == 1;
    }
}
