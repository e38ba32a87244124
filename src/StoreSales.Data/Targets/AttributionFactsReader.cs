using Npgsql;
using StoreSales.Domain.Alerts;
using StoreSales.Domain.Pacing;
using StoreSales.Domain.Targets.Attribution;
using StoreSales.Domain.Targets.Decomposition;

namespace StoreSales.Data.Targets;

/// <summary>
/// Reads a month's attribution facts for every store at once (docs/domain.md, "Attribution report"): one set-based
/// statement per kind of fact over the whole chain, not one round trip per store. The month is each store's own local
/// month; sums are the ledger's <c>sale.total</c> as every report reads them.
/// </summary>
internal static class AttributionFactsReader
{
    // The store's month in UTC instants, from its local midnights.
    private const string MonthBounds = """
        CROSS JOIN LATERAL (SELECT @month::timestamp AT TIME ZONE st.time_zone AS month_from,
                                   @next::timestamp AT TIME ZONE st.time_zone AS month_to) b
        """;

    private const string StoresSql = $"""
        SELECT st.store_id, st.region_id, st.time_zone, st.opens, st.closes,
               coalesce(t.amount, 0), coalesce(a.actual, 0), a.tills
        FROM store st
        {MonthBounds}
        LEFT JOIN store_target t ON t.store_id = st.store_id AND t.month = @month
        CROSS JOIN LATERAL (
            SELECT sum(s.total) AS actual, count(DISTINCT s.terminal_id)::int AS tills FROM sale s
            WHERE s.store_id = st.store_id AND s.rung_up_at >= b.month_from AND s.rung_up_at < b.month_to) a
        WHERE t.amount IS NOT NULL OR a.actual IS NOT NULL
        """;

    // The pacing profile from the hourly rollup, whose hours are already store-local: a few rows per store and hour.
    private const string ProfileSql = """
        SELECT store_id, extract(isodow FROM local_hour)::int % 7, extract(hour FROM local_hour)::int, sum(amount)
        FROM sale_item_hour_all
        WHERE local_hour >= @profileFrom AND local_hour < @month::timestamp
        GROUP BY 1, 2, 3
        """;

    // Sales over an event's span (inside the month) only where the store stayed open: a closure's are not needed.
    private const string EventsSql = $"""
        SELECT e.event_id, e.store_id, e.kind, e.starts_at, e.ends_at, e.closes_store, e.expected_uplift,
               CASE WHEN e.closes_store THEN 0 ELSE coalesce((
                   SELECT sum(s.total) FROM sale s
                   WHERE s.store_id = e.store_id AND s.rung_up_at >= greatest(e.starts_at, b.month_from)
                     AND s.rung_up_at < least(e.ends_at, b.month_to)), 0) END,
               e.recorded_at
        FROM store_event e
        JOIN store st ON st.store_id = e.store_id
        {MonthBounds}
        WHERE e.starts_at < b.month_to AND e.ends_at > b.month_from
        """;

    // Red "behind" alerts whose overdue time (raise + the SLA's resolve time, to resolution) touches the month, and what
    // the store sold in that time within the month.
    private const string RedSql = $"""
        SELECT i.alert_id, i.store_id, i.raised_at, r.resolved_at,
               coalesce((SELECT sum(s.total) FROM sale s
                         WHERE s.store_id = i.store_id AND s.rung_up_at >= greatest(i.raised_at + @within, b.month_from)
                           AND s.rung_up_at < least(coalesce(r.resolved_at, b.month_to), b.month_to)), 0)
        FROM intervention i
        JOIN store st ON st.store_id = i.store_id
        {MonthBounds}
        CROSS JOIN LATERAL (SELECT CASE WHEN i.status = 'Resolved' THEN i.updated_at END AS resolved_at) r
        WHERE i.condition = @dayBehind AND i.raised_at + @within < b.month_to
          AND coalesce(r.resolved_at, 'infinity') > greatest(i.raised_at + @within, b.month_from)
        """;

    // A device-offline alert's episode starts when the till went offline: its evidence's Since (JSON, web names).
    private const string OfflineSql = $"""
        SELECT i.store_id, substring(i.condition FROM '^device-offline-(.*)-till$'), i.raised_at,
               CASE WHEN i.status = 'Resolved' THEN i.updated_at END,
               (i.evidence -> 'facts' ->> 'since')::timestamptz
        FROM intervention i
        JOIN store st ON st.store_id = i.store_id
        {MonthBounds}
        WHERE i.condition LIKE 'device-offline-%-till' AND i.raised_at < b.month_to
          AND (i.status <> 'Resolved' OR i.updated_at > b.month_from)
        """;

    // The store's line of the month's latest applied proposal, when the regional manager corrected it.
    private const string CalibrationSql = """
        SELECT DISTINCT ON (ps.store_id) ps.store_id, ps.proposed_amount, ps.corrected_amount, ps.reasons
        FROM target_proposal p
        JOIN target_proposal_store ps ON ps.proposal_id = p.proposal_id
        WHERE p.month = @month AND p.status = 'applied'
        ORDER BY ps.store_id, p.applied_at DESC NULLS LAST, p.proposal_id DESC
        """;

    // The store's line of the month's latest applied proposal: when it was proposed (the events it knew of), its
    // indicated amount (baseline plus every factor's effect, as the split weighed it), and the closures' and promotions'
    // effects (docs/domain.md "Attribution report", what decomposition priced in).
    private const string PricedInSql = """
        SELECT DISTINCT ON (ps.store_id) ps.store_id, p.proposed_at, ps.proposed_amount,
               ps.baseline + coalesce(f.effects, 0), coalesce(f.closures, 0), coalesce(f.promotions, 0)
        FROM target_proposal p
        JOIN target_proposal_store ps ON ps.proposal_id = p.proposal_id
        CROSS JOIN LATERAL (
            SELECT sum((x->>'amount')::numeric) AS effects,
                   sum((x->>'amount')::numeric) FILTER (WHERE x->>'factor' = @closuresFactor) AS closures,
                   sum((x->>'amount')::numeric) FILTER (WHERE x->>'factor' = @promotionsFactor) AS promotions
            FROM jsonb_array_elements(ps.factors) x) f
        WHERE p.month = @month AND p.status = 'applied'
        ORDER BY ps.store_id, p.applied_at DESC NULLS LAST, p.proposal_id DESC
        """;

    public static async Task<IReadOnlyList<StoreMonthFacts>> Read(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, AttributionOptions options, TimeSpan resolveWithin, CancellationToken cancellationToken)
    {
        var stores = new List<StoreRow>();
        await Each(StoresSql, r => stores.Add(new StoreRow(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<TimeOnly>(3), r.GetFieldValue<TimeOnly>(4),
            r.GetDecimal(5), r.GetDecimal(6), r.GetInt32(7))));

        var history = new Dictionary<string, List<HourlySales>>(StringComparer.Ordinal);
        await Each(ProfileSql, r => Add(history, r.GetString(0), new HourlySales((DayOfWeek)r.GetInt32(1), r.GetInt32(2), r.GetDecimal(3))));

        var events = new Dictionary<string, List<StoreEventFact>>(StringComparer.Ordinal);
        await Each(EventsSql, r => Add(events, r.GetString(1), new StoreEventFact(
            r.GetInt64(0), r.GetString(2), new ClockSpan(r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4)),
            r.GetBoolean(5), r.IsDBNull(6) ? null : r.GetDecimal(6), r.GetDecimal(7))
        {
            RecordedAt = r.GetFieldValue<DateTimeOffset>(8),
        }));

        var red = new Dictionary<string, List<RedInterventionFact>>(StringComparer.Ordinal);
        await Each(RedSql, r => Add(red, r.GetString(1), new RedInterventionFact(
            r.GetString(0), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.GetDecimal(4))));

        var offline = new Dictionary<string, List<OfflineTillFact>>(StringComparer.Ordinal);
        var monthEnd = new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        await Each(OfflineSql, r => Add(offline, r.GetString(0), OfflineTillFact.Episode(
            r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
            r.IsDBNull(3) ? monthEnd : r.GetFieldValue<DateTimeOffset>(3))));

        var calibration = new Dictionary<string, CalibrationFact>(StringComparer.Ordinal);
        await Each(CalibrationSql, r =>
        {
            if (!r.IsDBNull(2))
            {
                calibration[r.GetString(0)] = new CalibrationFact(r.GetDecimal(1), r.GetDecimal(2), r.GetFieldValue<string[]>(3));
            }
        });

        var pricedIn = new Dictionary<string, PricedInFact>(StringComparer.Ordinal);
        await Each(PricedInSql, r => pricedIn[r.GetString(0)] = new PricedInFact(
            r.GetFieldValue<DateTimeOffset>(1), Math.Max(0m, r.GetDecimal(3)), r.GetDecimal(2), r.GetDecimal(4), r.GetDecimal(5)));

        return [.. stores.Select(s =>
        {
            var hours = new OpeningHours(s.Opens, s.Closes);
            return new StoreMonthFacts(
                s.StoreId, s.RegionId, month, TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone), hours,
                history.TryGetValue(s.StoreId, out var sold) ? PacingProfile.FromHistory(sold, hours) : PacingProfile.Linear(hours),
                s.Target, s.Actual)
            {
                Events = events.GetValueOrDefault(s.StoreId) ?? [],
                RedInterventions = red.GetValueOrDefault(s.StoreId) ?? [],
                OfflineTills = offline.GetValueOrDefault(s.StoreId) ?? [],
                Tills = Math.Max(1, s.Tills),
                Calibration = calibration.GetValueOrDefault(s.StoreId),
                PricedIn = pricedIn.GetValueOrDefault(s.StoreId),
            };
        })];

        NpgsqlCommand Command(string sql)
        {
            var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("month", month.ToDateTime(TimeOnly.MinValue));
            command.Parameters.AddWithValue("next", month.AddMonths(1).ToDateTime(TimeOnly.MinValue));
            command.Parameters.AddWithValue("profileFrom", month.AddDays(-7 * options.ProfileWeeks).ToDateTime(TimeOnly.MinValue));
            command.Parameters.AddWithValue("within", resolveWithin);
            command.Parameters.AddWithValue("dayBehind", AlertConditions.DayBehind);
            command.Parameters.AddWithValue("closuresFactor", DecompositionFactors.Closures);
            command.Parameters.AddWithValue("promotionsFactor", DecompositionFactors.Promotions);
            return command;
        }

        async Task Each(string sql, Action<NpgsqlDataReader> row)
        {
            await using var command = Command(sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> byStore, string storeId, T fact)
    {
        if (!byStore.TryGetValue(storeId, out var list))
        {
            byStore[storeId] = list = [];
        }

        list.Add(fact);
    }

    private sealed record StoreRow(string StoreId, string RegionId, string TimeZone, TimeOnly Opens, TimeOnly Closes, decimal Target, decimal Actual, int Tills);
}
