using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace StoreSales.Data.Access;

/// <summary>
/// Per-store API keys of the edge agents. Only a SHA-256 of each key is stored: the keys are long random
/// secrets, so a fast hash is enough and a stolen table reveals no key.
/// </summary>
public sealed class StoreKeys(NpgsqlDataSource dataSource)
{
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A new random key, for provisioning a store.</summary>
    public static string NewKey() => "ssk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The store a key belongs to, or null when the key is unknown or revoked.</summary>
    public async Task<string?> FindStore(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT store_id FROM store_api_key WHERE key_hash = @hash AND revoked_at IS NULL",
            new { hash = Hash(key) },
            cancellationToken: cancellationToken));
    }

    public async Task Add(string storeId, string key, string label, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO store_api_key (key_hash, store_id, label) VALUES (@hash, @storeId, @label) ON CONFLICT (key_hash) DO NOTHING",
            new { hash = Hash(key), storeId, label },
            cancellationToken: cancellationToken));
    }
}
