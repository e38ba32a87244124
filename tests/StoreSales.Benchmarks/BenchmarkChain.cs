using Dapper;
using Npgsql;
using StoreSales.Data.Access;

namespace StoreSales.Benchmarks;

/// <summary>
/// Creates N benchmark stores (with keys and targets) next to the demo chain, in regions of <see cref="StoresPerRegion"/>
/// as a chain has them: every run starts from a fresh database, so a region holds this run's stores only.
/// </summary>
internal static class BenchmarkChain
{
    public static string StoreId(int i) => $"bench-{i:D5}";

    public static string Key(int i) => $"bench-key-{i:D5}";

    public const int StoresPerRegion = 50;

    public static async Task Create(NpgsqlDataSource dataSource, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var ids = Enumerable.Range(0, count).Select(StoreId).ToArray();
        var hashes = Enumerable.Range(0, count).Select(i => StoreKeys.Hash(Key(i))).ToArray();
        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        await connection.ExecuteAsync(
            """
            INSERT INTO region (region_id, name)
            SELECT 'bench-region-' || lpad(r::text, 3, '0'), 'Bench region ' || r
            FROM generate_series(0, (cardinality(@ids::text[]) - 1) / @perRegion) AS r
            ON CONFLICT DO NOTHING;
            INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
            SELECT id, 'Bench ' || id, 'bench-region-' || lpad(((n - 1) / @perRegion)::text, 3, '0'), 30, 120, 'Asia/Shanghai', '00:00', '23:59'
            FROM unnest(@ids::text[]) WITH ORDINALITY AS t(id, n)
            ON CONFLICT DO NOTHING;
            INSERT INTO store_api_key (key_hash, store_id, label) SELECT h, id, 'bench' FROM unnest(@hashes::bytea[], @ids::text[]) AS t(h, id) ON CONFLICT DO NOTHING;
            INSERT INTO store_target (store_id, month, amount) SELECT id, @month::date, 1000000 FROM unnest(@ids::text[]) AS t(id) ON CONFLICT DO NOTHING;
            """,
            new { ids, hashes, month, perRegion = StoresPerRegion },
            commandTimeout: 300);
    }
}
