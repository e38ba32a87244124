using Dapper;
using Npgsql;
using StoreSales.Data.Access;

namespace StoreSales.Benchmarks;

/// <summary>Creates N benchmark stores (with keys and targets) next to the demo chain.</summary>
internal static class BenchmarkChain
{
    public static string StoreId(int i) => $"bench-{i:D5}";

    public static string Key(int i) => $"bench-key-{i:D5}";

    public static async Task Create(NpgsqlDataSource dataSource, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var ids = Enumerable.Range(0, count).Select(StoreId).ToArray();
        var hashes = Enumerable.Range(0, count).Select(i => StoreKeys.Hash(Key(i))).ToArray();
        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        await connection.ExecuteAsync(
            """
            INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
            SELECT id, 'Bench ' || id, CASE WHEN n % 2 = 0 THEN 'region-east' ELSE 'region-south' END, 30, 120, 'Asia/Shanghai', '00:00', '23:59'
            FROM unnest(@ids::text[]) WITH ORDINALITY AS t(id, n)
            ON CONFLICT DO NOTHING;
            INSERT INTO store_api_key (key_hash, store_id, label) SELECT h, id, 'bench' FROM unnest(@hashes::bytea[], @ids::text[]) AS t(h, id) ON CONFLICT DO NOTHING;
            INSERT INTO store_target (store_id, month, amount) SELECT id, @month::date, 1000000 FROM unnest(@ids::text[]) AS t(id) ON CONFLICT DO NOTHING;
            """,
            new { ids, hashes, month },
            commandTimeout: 300);
    }
}
