using Npgsql;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Data.Targets;

/// <summary>
/// Reads what decomposition needs about every store of a region, set-based: one statement for the sales (the same month
/// last year, the recent window and the same window a year earlier, each store in its own calendar), one for the store
/// events touching the month. Sales are the ledger's net totals (returns and voids carry their negative effect).
/// Inventory turnover: the ledger holds no stock data, so it is not known for any store (the factor stays neutral).
/// </summary>
public sealed class DecompositionBaselines(NpgsqlDataSource dataSource)
{
    // The recent window a year earlier is 52 weeks back, so weekdays line up (a Saturday against a Saturday).
    private const string Sql = """
        WITH s AS (
            SELECT st.store_id, st.time_zone, st.opens, st.closes,
                   (@lastYearMonth::timestamp AT TIME ZONE st.time_zone) AS ly_from,
                   (@lastYearMonthEnd::timestamp AT TIME ZONE st.time_zone) AS ly_to,
                   LEAST(@now, @month::timestamp AT TIME ZONE st.time_zone) AS recent_to
            FROM store st
            WHERE st.region_id = @region
        )
        SELECT s.store_id, s.time_zone, s.opens, s.closes,
               COALESCE((SELECT sum(x.total) FROM sale x
                         WHERE x.store_id = s.store_id AND x.rung_up_at >= s.ly_from AND x.rung_up_at < s.ly_to), 0),
               COALESCE(r.total, 0), r.first_sale,
               COALESCE((SELECT sum(x.total) FROM sale x
                         WHERE x.store_id = s.store_id
                           AND x.rung_up_at >= s.recent_to - @window - interval '364 days'
                           AND x.rung_up_at < s.recent_to - interval '364 days'), 0)
        FROM s
        LEFT JOIN LATERAL (
            SELECT sum(x.total) AS total, min(x.rung_up_at) AS first_sale FROM sale x
            WHERE x.store_id = s.store_id AND x.rung_up_at >= s.recent_to - @window AND x.rung_up_at < s.recent_to
        ) r ON true
        ORDER BY s.store_id
        """;

    // Closing events and promotions that overlap the month anywhere on earth (±14 h); the rule clips them to each
    // store's own opening hours of the month.
    private const string EventsSql = """
        SELECT e.store_id, e.starts_at, e.ends_at, e.closes_store, e.expected_uplift
        FROM store_event e JOIN store st ON st.store_id = e.store_id
        WHERE st.region_id = @region AND (e.closes_store OR e.kind = 'promotion')
          AND e.starts_at < @monthEnd::timestamp + interval '14 hours' AND e.ends_at > @month::timestamp - interval '14 hours'
        ORDER BY e.store_id, e.starts_at
        """;

    /// <summary>The facts of every store of <paramref name="regionId"/>, in store id order.</summary>
    public async Task<IReadOnlyList<StoreBaselineFacts>> Read(string regionId, DateOnly month, DateTimeOffset now, DecompositionOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var monthStart = month.ToDateTime(TimeOnly.MinValue);
        var events = new Dictionary<string, List<StoreEventSpan>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(EventsSql, connection))
        {
            command.Parameters.AddWithValue("region", regionId);
            command.Parameters.AddWithValue("month", monthStart);
            command.Parameters.AddWithValue("monthEnd", monthStart.AddMonths(1));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var storeId = reader.GetString(0);
                if (!events.TryGetValue(storeId, out var spans))
                {
                    events[storeId] = spans = [];
                }

                spans.Add(new StoreEventSpan(
                    reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetDecimal(4)));
            }
        }

        var stores = new List<StoreBaselineFacts>();
        await using (var command = new NpgsqlCommand(Sql, connection))
        {
            command.Parameters.AddWithValue("region", regionId);
            command.Parameters.AddWithValue("month", monthStart);
            command.Parameters.AddWithValue("lastYearMonth", monthStart.AddYears(-1));
            command.Parameters.AddWithValue("lastYearMonthEnd", monthStart.AddYears(-1).AddMonths(1));
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("window", TimeSpan.FromDays(7 * options.TrendWeeks));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var storeId = reader.GetString(0);
                stores.Add(new StoreBaselineFacts(
                    storeId,
                    TimeZoneInfo.FindSystemTimeZoneById(reader.GetString(1)),
                    new OpeningHours(reader.GetFieldValue<TimeOnly>(2), reader.GetFieldValue<TimeOnly>(3)),
                    LastYearMonthSales: reader.GetDecimal(4),
                    RecentSales: reader.GetDecimal(5),
                    RecentSalesLastYear: reader.GetDecimal(7),
                    RecentFirstSaleAt: reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    InventoryTurnover: null,
                    Events: events.TryGetValue(storeId, out var spans) ? spans : []));
            }
        }

        return stores;
    }
}
