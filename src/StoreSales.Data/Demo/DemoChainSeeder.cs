using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using StoreSales.Data.Access;

namespace StoreSales.Data.Demo;

/// <summary>
/// Loads the demo chain (regions, stores with coordinates, their reps, items, keys, monthly targets of stores and reps)
/// into an empty or already seeded database. Existing rows are left as they are, so seeding twice changes nothing.
/// </summary>
public sealed class DemoChainSeeder(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static DemoChain ReadChain(string path) =>
        JsonSerializer.Deserialize<DemoChain>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"'{path}' holds no demo chain.");

    public async Task Seed(DemoChain chain, string itemsCsvPath, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        foreach (var region in chain.Regions)
        {
            await connection.ExecuteAsync(
                "INSERT INTO region (region_id, name) VALUES (@Id, @Name) ON CONFLICT DO NOTHING", region, transaction);
        }

        foreach (var store in chain.Stores)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
                VALUES (@Id, @Name, @RegionId, @Latitude, @Longitude, @TimeZone, @Opens::time, @Closes::time)
                ON CONFLICT DO NOTHING
                """,
                store,
                transaction);
            await connection.ExecuteAsync(
                "INSERT INTO store_api_key (key_hash, store_id, label) VALUES (@hash, @store, 'demo') ON CONFLICT DO NOTHING",
                new { hash = StoreKeys.Hash(store.ApiKey), store = store.Id },
                transaction);

            // Targets for last month, this month and the next two, so the demo keeps working across a month end.
            for (var offset = -1; offset <= 2; offset++)
            {
                var month = new DateOnly(today.Year, today.Month, 1).AddMonths(offset);
                await connection.ExecuteAsync(
                    "INSERT INTO store_target (store_id, month, amount) VALUES (@store, @month::date, @amount) ON CONFLICT DO NOTHING",
                    new { store = store.Id, month = month.ToDateTime(TimeOnly.MinValue), amount = store.MonthlyTarget },
                    transaction);
            }

            await SeedReps(connection, transaction, store, today);
        }

        foreach (var (code, name, price) in ReadItems(itemsCsvPath))
        {
            await connection.ExecuteAsync(
                "INSERT INTO item (item_code, name, unit_price) VALUES (@code, @name, @price) ON CONFLICT DO NOTHING",
                new { code, name, price },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The store's reps, each with the share of the store's monthly target that matches the share of its sales the demo
    /// credits them with, for the same months as the store's targets: the reps together carry that part of the store.
    /// </summary>
    private static async Task SeedReps(NpgsqlConnection connection, NpgsqlTransaction transaction, DemoStore store, DateOnly today)
    {
        foreach (var rep in store.Reps ?? [])
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO rep (rep_id, name, store_id, department_id, level)
                VALUES (@Id, @Name, @store, @Department, @Level)
                ON CONFLICT DO NOTHING
                """,
                new { rep.Id, rep.Name, store = store.Id, rep.Department, rep.Level },
                transaction);
            for (var offset = -1; offset <= 2; offset++)
            {
                var month = new DateOnly(today.Year, today.Month, 1).AddMonths(offset);
                await connection.ExecuteAsync(
                    "INSERT INTO rep_target (rep_id, month, amount) VALUES (@rep, @month::date, @amount) ON CONFLICT DO NOTHING",
                    new { rep = rep.Id, month = month.ToDateTime(TimeOnly.MinValue), amount = Math.Round(store.MonthlyTarget * rep.Share, 0) },
                    transaction);
            }
        }
    }

    /// <summary>Reads <c>gtin,name,unit_price</c> rows (a header line first; names contain no commas).</summary>
    public static IEnumerable<(string Code, string Name, decimal Price)> ReadItems(string path) =>
        File.ReadLines(path)
            .Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(','))
            .Select(f => (f[0], f[1], decimal.Parse(f[2], CultureInfo.InvariantCulture)));
}
