using System.Text.Json;
using Dapper;
using Npgsql;
using StoreSales.Domain.Targets.Attribution;

namespace StoreSales.Data.Targets;

/// <summary>A stored month's report as a viewer may see it: its stores, and the regions they see whole.</summary>
public sealed record AttributionReportView(
    DateOnly Month,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<AttributionStoreRow> Stores,
    IReadOnlyList<AttributionRegionRow> Regions);

/// <summary>One store's line of the report, with the causes of its gap for the drill-down.</summary>
public sealed record AttributionStoreRow(string StoreId, string StoreName, string RegionId, StoreAttribution Attribution);

/// <summary>One region's roll-up of the report.</summary>
public sealed record AttributionRegionRow(string RegionName, RegionAttribution Attribution);

/// <summary>Reads stored attribution reports for the API, the page and the HQ page's target-quality line.</summary>
public sealed class AttributionReportReader(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// <paramref name="month"/>'s report, its stores filtered by <paramref name="seesStore"/> (store, region) and its region
    /// roll-ups by <paramref name="seesRegion"/>; null when the month has no report yet.
    /// </summary>
    public async Task<AttributionReportView?> Read(DateOnly month, Func<string, string, bool> seesStore, Func<string, bool> seesRegion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var first = month.ToDateTime(TimeOnly.MinValue);
        var generatedAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT generated_at FROM attribution_report WHERE month = @first", new { first }, cancellationToken: cancellationToken));
        if (generatedAt is null)
        {
            return null;
        }

        var rows = await connection.QueryAsync<StoreLine>(new CommandDefinition(
            """
            SELECT a.store_id AS StoreId, st.name AS StoreName, a.region_id AS RegionId, r.name AS RegionName,
                   a.target AS Target, a.actual AS Actual, a.causes::text AS Causes
            FROM attribution_store a
            JOIN store st ON st.store_id = a.store_id
            JOIN region r ON r.region_id = a.region_id
            WHERE a.month = @first
            ORDER BY a.store_id
            """,
            new { first },
            cancellationToken: cancellationToken));

        var lines = rows.ToList();
        var all = lines.Select(l => (Line: l, Attribution: new StoreAttribution(
            l.StoreId, l.RegionId, l.Target, l.Actual, JsonSerializer.Deserialize<GapCause[]>(l.Causes, PgAttributionReports.Json) ?? []))).ToList();
        var names = lines.GroupBy(l => l.RegionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().RegionName, StringComparer.Ordinal);
        var regions = RegionAttribution.RollUp(all.Where(a => seesRegion(a.Line.RegionId)).Select(a => a.Attribution))
            .Select(r => new AttributionRegionRow(names[r.RegionId], r))
            .ToList();
        var stores = all
            .Where(a => seesStore(a.Line.StoreId, a.Line.RegionId))
            .Select(a => new AttributionStoreRow(a.Line.StoreId, a.Line.StoreName, a.Line.RegionId, a.Attribution))
            .ToList();
        return new AttributionReportView(month, new DateTimeOffset(DateTime.SpecifyKind(generatedAt.Value, DateTimeKind.Utc)), stores, regions);
    }

    /// <summary>The stores' final months (target, actual) of the reports from <paramref name="fromMonth"/> on.</summary>
    public async Task<IReadOnlyList<StoreMonthResult>> Results(DateOnly fromMonth, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string RegionId, string StoreId, DateTime Month, decimal Target, decimal Actual)>(new CommandDefinition(
            "SELECT region_id, store_id, month::timestamp, target, actual FROM attribution_store WHERE month >= @from",
            new { from = fromMonth.ToDateTime(TimeOnly.MinValue) },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new StoreMonthResult(r.RegionId, r.StoreId, DateOnly.FromDateTime(r.Month), r.Target, r.Actual))];
    }

    private sealed record StoreLine(string StoreId, string StoreName, string RegionId, string RegionName, decimal Target, decimal Actual, string Causes);
}
