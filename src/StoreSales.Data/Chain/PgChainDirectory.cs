using Dapper;
using Npgsql;
using StoreSales.Abstractions.Chain;
using StoreSales.Domain.Pacing;

namespace StoreSales.Data.Chain;

/// <summary>The chain's master data and sales history, read from PostgreSQL.</summary>
public sealed class PgChainDirectory(NpgsqlDataSource dataSource) : IChainDirectory
{
    private const string StoreColumns = "store_id, name, region_id, time_zone, opens, closes, latitude, longitude";

    public async Task<StoreProfile?> FindStore(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StoreRow>(new CommandDefinition(
            $"SELECT {StoreColumns} FROM store WHERE store_id = @storeId", new { storeId }, cancellationToken: cancellationToken));
        return row?.ToProfile();
    }

    public async Task<RegionProfile?> FindRegion(string regionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RegionRow>(new CommandDefinition(
            "SELECT region_id, name FROM region WHERE region_id = @regionId", new { regionId }, cancellationToken: cancellationToken));
        return row is null ? null : new RegionProfile(row.region_id, row.name);
    }

    public async Task<IReadOnlyList<RegionProfile>> ListRegions(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RegionRow>(new CommandDefinition(
            "SELECT region_id, name FROM region ORDER BY region_id", cancellationToken: cancellationToken));
        return rows.Select(r => new RegionProfile(r.region_id, r.name)).ToList();
    }

    public async Task<IReadOnlyList<StoreProfile>> ListStores(string? regionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoreRow>(new CommandDefinition(
            $"SELECT {StoreColumns} FROM store WHERE @regionId::text IS NULL OR region_id = @regionId ORDER BY store_id",
            new { regionId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToProfile()).ToList();
    }

    public Task<decimal> GetMonthlyTarget(string storeId, DateOnly month, CancellationToken cancellationToken) =>
        MonthlyTarget("SELECT amount FROM store_target WHERE store_id = @id AND month = @first::date", storeId, month, cancellationToken);

    public async Task<RepProfile?> FindRep(string repId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RepRow>(new CommandDefinition(
            "SELECT rep_id, name, store_id, department_id, level, active, departed_at FROM rep WHERE rep_id = @repId",
            new { repId },
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new RepProfile(row.rep_id, row.name, row.store_id, row.department_id, row.level, row.active, row.departed_at is { } departed ? LedgerTime.Utc(departed) : null);
    }

    public Task<decimal> GetRepMonthlyTarget(string repId, DateOnly month, CancellationToken cancellationToken) =>
        MonthlyTarget("SELECT amount FROM rep_target WHERE rep_id = @id AND month = @first::date", repId, month, cancellationToken);

    public async Task<IReadOnlyList<HourlySales>> GetHourlySalesHistory(string storeId, DateOnly from, DateOnly before, CancellationToken cancellationToken)
    {
        // The UTC range is widened by a day on each side so the index on (store_id, rung_up_at) is used;
        // the exact cut is made on the store-local date.
        const string Sql = """
            SELECT extract(isodow FROM l.local_time)::int % 7 AS day_of_week,
                   extract(hour FROM l.local_time)::int AS hour,
                   sum(s.total) AS amount
            FROM sale s
            JOIN store st ON st.store_id = s.store_id
            CROSS JOIN LATERAL (SELECT s.rung_up_at AT TIME ZONE st.time_zone AS local_time) l
            WHERE s.store_id = @storeId
              AND s.rung_up_at >= @fromUtc AND s.rung_up_at < @beforeUtc
              AND l.local_time >= @from AND l.local_time < @before
            GROUP BY 1, 2
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var fromLocal = from.ToDateTime(TimeOnly.MinValue);
        var beforeLocal = before.ToDateTime(TimeOnly.MinValue);
        var rows = await connection.QueryAsync<HourRow>(new CommandDefinition(
            Sql,
            new
            {
                storeId,
                from = fromLocal,
                before = beforeLocal,
                fromUtc = DateTime.SpecifyKind(fromLocal.AddDays(-1), DateTimeKind.Utc),
                beforeUtc = DateTime.SpecifyKind(beforeLocal.AddDays(1), DateTimeKind.Utc),
            },
            cancellationToken: cancellationToken));
        return rows.Select(r => new HourlySales((DayOfWeek)r.day_of_week, r.hour, r.amount)).ToList();
    }

    /// <summary>The target row of <paramref name="id"/> for the month containing <paramref name="month"/>, or 0 when none is set.</summary>
    private async Task<decimal> MonthlyTarget(string sql, string id, DateOnly month, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var first = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return await connection.ExecuteScalarAsync<decimal?>(new CommandDefinition(sql, new { id, first }, cancellationToken: cancellationToken)) ?? 0m;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetItemNames(IReadOnlyCollection<string> itemCodes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            "SELECT item_code, name FROM item WHERE item_code = ANY(@codes)",
            new { codes = itemCodes.ToArray() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
    }

#pragma warning disable IDE1006, CA1707 // Dapper maps the column names as they are.
    private sealed record StoreRow(string store_id, string name, string region_id, string time_zone, TimeOnly opens, TimeOnly closes, double? latitude, double? longitude)
    {
        public StoreProfile ToProfile() =>
            new(store_id, name, region_id, time_zone, new OpeningHours(opens, closes), latitude, longitude);
    }

    private sealed record RegionRow(string region_id, string name);

    private sealed record RepRow(string rep_id, string name, string store_id, string department_id, string level, bool active, DateTime? departed_at);

    private sealed record HourRow(int day_of_week, int hour, decimal amount);
#pragma warning restore IDE1006, CA1707
}
