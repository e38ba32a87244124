using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Domain.HotItems;

namespace StoreSales.Data.HotItems;

/// <summary>
/// Reads the HQ hot-item views from the sales ledger: the heatmap of stores × the chain's top items, the top stores
/// for one item, and the sales behind one cell. Each is one round trip, set-based over all stores in scope: every
/// store's window (now and the same weekday and time of day in each previous week) is a row of a CTE joined to
/// the ledger, never a query per store. Whole local hours of a window come from the hourly rollup
/// <c>sale_item_hour</c>, so "today" reads one row per store, hour and item rather than every line of the day.
/// Units and usual units come from SQL; lift from <see cref="ItemLift"/>.
/// </summary>
public sealed class HotItemHeatmapReader(NpgsqlDataSource dataSource, IOptions<HotItemOptions> rule, IOptions<HotItemHeatmapOptions> options)
{
    // The stores in scope, each with its own clock: now in its time zone, where its window starts and where the
    // part of the window that is whole local hours ends. "Today" is whole hours from midnight to the current hour,
    // read from the hourly rollup, and only the current, incomplete hour from the ledger; a sliding window
    // (15 minutes, an hour) has no whole hours and reads the ledger alone.
    private const string ScopeCte = """
        scope AS (
            SELECT st.store_id, st.time_zone, l.local_at,
                   CASE WHEN @today THEN date_trunc('day', l.local_at) ELSE l.local_at - make_interval(mins => @minutes) END AS from_local,
                   CASE WHEN @today THEN date_trunc('hour', l.local_at) ELSE l.local_at - make_interval(mins => @minutes) END AS tail_local
            FROM store st
            CROSS JOIN LATERAL (SELECT @at AT TIME ZONE st.time_zone AS local_at) l
            WHERE (@region::text IS NULL OR st.region_id = @region) AND (@store::text IS NULL OR st.store_id = @store)
        )
        """;

    // The windows of one store sc of scope: k = 0 is the window ending at @at, k = 1..@weeks the same local weekday
    // and time in the weeks before. Shifting in local time and converting afterwards keeps the same wall-clock window
    // across a daylight-saving change. Whole local hours [hours_from, hours_to) are read from the rollup, the rest
    // [tail_from, to_at) from the ledger.
    private const string StoreWindows = """
        (
            SELECT k.k,
                   (sc.from_local - make_interval(weeks => k.k)) AT TIME ZONE sc.time_zone AS from_at,
                   (sc.local_at - make_interval(weeks => k.k)) AT TIME ZONE sc.time_zone AS to_at,
                   sc.from_local - make_interval(weeks => k.k) AS hours_from,
                   sc.tail_local - make_interval(weeks => k.k) AS hours_to,
                   (sc.tail_local - make_interval(weeks => k.k)) AT TIME ZONE sc.time_zone AS tail_from
            FROM generate_series(0, @weeks) AS k(k)
        ) w
        """;

    private const string WindowsCte = $"""
        {ScopeCte}, windows AS (
            SELECT sc.store_id, w.* FROM scope sc CROSS JOIN LATERAL {StoreWindows}
        )
        """;

    // Weeks in which a store sold anything in its window: the usual is averaged over these only
    // (UsualVelocity.Average), so weeks before a store opened do not count as zero. A rollup row is a line sold in
    // that hour, and every sale has lines, so either part holding anything means the week had a sale.
    private const string ObservedCte = """
        observed AS (
            SELECT w.store_id, count(*)::int AS weeks
            FROM windows w
            WHERE w.k > 0 AND (
                w.hours_from < w.hours_to AND EXISTS (
                    SELECT 1 FROM sale_item_hour_all h
                    WHERE h.store_id = w.store_id AND h.local_hour >= w.hours_from AND h.local_hour < w.hours_to)
                OR EXISTS (
                    SELECT 1 FROM sale s WHERE s.store_id = w.store_id AND s.rung_up_at >= w.tail_from AND s.rung_up_at < w.to_at))
            GROUP BY w.store_id
        )
        """;

    // Whether a window's whole hours are read as their day less the rest of it: a window from midnight (every "today"
    // window) with more whole hours than the day has left. Today's rest is its current hour alone (sales rung up later are
    // none), so today reads by day past its second hour; a past week's day has the whole of its rest in the rollup, so it
    // reads by day past its twelfth hour. Either way is exact; the choice only makes the fewer rows be read.
    private const string ByDay = """
        (w.hours_from = date_trunc('day', w.hours_from)
         AND w.hours_to - w.hours_from > CASE WHEN w.k = 0 THEN interval '2 hours' ELSE interval '12 hours' END)
        """;

    // The whole local hours [hours_from, hours_to) of store sc's windows in the weeks picked, per week and item: units
    // (column k, item_code, units). Read from the hourly rollup (sale_item_hour_all) or, by day (ByDay), as the day's row
    // of sale_item_day less the folded hours after hours_to, plus the whole hours' pending rows (sale_item_day holds the
    // folded hours only, migration 0540). One index range scan per store, week and table; a branch whose condition on
    // the window is false is not probed. An item is in a week only with a line in its whole hours (lines > 0), as a row of
    // sale_item_hour would say, even when its units net to zero.
    private static string WholeHours(string weeks) => $"""
        SELECT x.k, x.item_code, sum(x.units) AS units
        FROM (
            SELECT w.k, h.item_code, h.units, h.lines
            FROM {StoreWindows}
            JOIN sale_item_hour_all h ON h.store_id = sc.store_id AND h.local_hour >= w.hours_from AND h.local_hour < w.hours_to
            WHERE w.hours_from < w.hours_to AND NOT {ByDay} AND {weeks}
            UNION ALL
            SELECT w.k, d.item_code, d.units, d.lines
            FROM {StoreWindows}
            JOIN sale_item_day d ON d.store_id = sc.store_id AND d.local_day = w.hours_from::date
            WHERE {ByDay} AND {weeks}
            UNION ALL
            SELECT w.k, h.item_code, -h.units, -h.lines
            FROM {StoreWindows}
            JOIN sale_item_hour h ON h.store_id = sc.store_id AND h.local_hour >= w.hours_to AND h.local_hour < w.hours_from + interval '1 day'
            WHERE {ByDay} AND {weeks}
            UNION ALL
            SELECT w.k, p.item_code, p.units, p.lines
            FROM {StoreWindows}
            JOIN sale_item_hour_pending_all p ON p.store_id = sc.store_id AND p.local_hour >= w.hours_from AND p.local_hour < w.hours_to
            WHERE {ByDay} AND {weeks}
        ) x
        GROUP BY x.k, x.item_code
        HAVING sum(x.lines) > 0
        """;

    // Each store's units in its window (k = 0) and in the same window of the weeks before, per item: the whole hours
    // (WholeHours), ledger lines for the rest, one index range scan per store and week on each table. Grouped
    // store by store: at 5,000 stores late in the day "today" is millions of rollup rows, and one small hash table
    // per store beats sorting them all to group by store and item (on disk, seen with EXPLAIN). A filter on
    // c.item_code is pushed down into the scans. A sliding window has no whole hours: the empty ranges are not probed.
    // rollupWeeks picks the weeks whose whole hours are read here: all of them, or only today's when the previous
    // weeks' whole hours come from the cached usual (UsualSql).
    private static string StoreItemUnits(string rollupWeeks) => $"""
        scope sc
        CROSS JOIN LATERAL (
            SELECT u.item_code,
                   coalesce(sum(u.units) FILTER (WHERE u.k = 0), 0) AS units,
                   coalesce(sum(u.units) FILTER (WHERE u.k > 0), 0) AS past_units
            FROM (
                {WholeHours(rollupWeeks)}
                UNION ALL
                SELECT w.k, l.item_code, l.quantity
                FROM {StoreWindows}
                JOIN sale s ON s.store_id = sc.store_id AND s.rung_up_at >= w.tail_from AND s.rung_up_at < w.to_at
                JOIN sale_line l ON l.store_id = sc.store_id AND l.terminal_id = s.terminal_id AND l.sequence = s.sequence
                UNION ALL
                {OpenReceiptScans}
            ) u
            GROUP BY u.item_code
        ) c
        """;

    // Now's window (k = 0) of a store with scan-sourced terminals (HotItems:ScanSourcedTerminals, as @scanStores and
    // @scanTerminals): the item scans of each such terminal since its last sale, by the agent's clock (a sale's
    // captured_at and a scan's scanned_at are both the agent's), i.e. the receipt still being rung up. The cell moves at
    // the scan; once the sale lands its lines count and these scans are before its capture, so nothing counts twice, and
    // a scan voided before payment drops out at the terminal's next sale. Empty arrays (the default) probe nothing.
    private const string OpenReceiptScans = """
        SELECT 0, e.code, CASE WHEN e.weight_kg > 0 THEN e.weight_kg ELSE 1 END
        FROM unnest(@scanStores::text[], @scanTerminals::text[]) AS t(store_id, terminal_id)
        LEFT JOIN LATERAL (
            SELECT s.captured_at FROM sale s
            WHERE s.store_id = t.store_id AND s.terminal_id = t.terminal_id
            ORDER BY s.sequence DESC
            LIMIT 1
        ) last ON true
        JOIN scan_event e ON e.store_id = t.store_id AND e.terminal_id = t.terminal_id
                         AND e.scanned_at >= sc.from_local AT TIME ZONE sc.time_zone AND e.scanned_at < @at
        WHERE t.store_id = sc.store_id AND e.kind <> 'member' AND (last.captured_at IS NULL OR e.scanned_at > last.captured_at)
        """;

    // The first statement of the reads over every store. Their plans cost in the millions (thousands of index range
    // scans), far above jit_above_cost, so PostgreSQL's default JIT compiles them on every read; that took 1.3 s of a
    // 10 s heatmap read at 5,000 stores (EXPLAIN ANALYZE) and saves nothing on index scans and small hash tables.
    // Local to the statement batch: the command's statements run in one implicit transaction (one Sync), so the
    // pooled connection keeps its own setting afterwards.
    private const string WithoutJit = "SELECT set_config('jit', 'off', true);";

    // The same for today's two-part read, which also sets its own work_mem (HotItemHeatmapOptions.ReadWorkMemMegabytes):
    // it joins the live part (~120,000 store × item rows at 5,000 stores) to the usual passed in (~100,000) and sorts
    // and hashes them; with the default 4 MB those spilled to disk (EXPLAIN ANALYZE: external merge sorts, a hash in
    // batches), a few hundred milliseconds of every refresh. Merge joins off: the planner expects ~200 items per
    // store from the lateral (it cannot know there are ~25) and so sorted both sides of the join with the usual and
    // of the weeks, ~450 ms of a 2.3 s refresh; hashed, they take a few tens of milliseconds.
    private const string WithoutJitWithWorkMem =
        "SELECT set_config('jit', 'off', true), set_config('work_mem', @workMem, true), set_config('enable_mergejoin', 'off', true);";

    // Items are ranked in SQL so that only the top items' cells leave the database; the order is the one of
    // ItemLift.CompareHottestFirst, with the same prior and minimum passed in (lift rounded to 4 places as ItemLift
    // does). The lifts returned are computed again in C# by ItemLift itself. Follows the CTEs sold (store, item,
    // units, past units) and observed (store, weeks), wherever they were read from; the stores are a second statement.
    private const string RankedCells = $"""
        cells AS (
            SELECT so.store_id, so.item_code, so.units, so.past_units, coalesce(o.weeks, 0) AS weeks,
                   CASE WHEN o.weeks > 0 THEN greatest(so.past_units, 0) / o.weeks ELSE 0 END AS usual
            FROM sold so LEFT JOIN observed o USING (store_id)
        ), items AS (
            SELECT item_code, sum(units) AS units, sum(usual) AS usual
            FROM cells
            GROUP BY item_code
            HAVING sum(units) > 0
        ), top_items AS (
            SELECT item_code, row_number() OVER (ORDER BY
                       CASE WHEN @byLift THEN units >= @minimum END DESC,
                       CASE WHEN @byLift THEN round(greatest(units + @prior, 0) / (usual + @prior), 4) END DESC,
                       units DESC,
                       item_code COLLATE "C") AS rank
            FROM items
        )
        SELECT t.rank AS Rank, t.item_code AS ItemCode, i.name AS ItemName, c.store_id AS StoreId,
               c.units AS Units, c.past_units AS PastUnits, c.weeks AS Weeks
        FROM top_items t
        JOIN cells c USING (item_code)
        LEFT JOIN item i USING (item_code)
        WHERE t.rank <= @top
        ORDER BY t.rank, c.store_id;

        WITH {WindowsCte}
        SELECT st.store_id AS StoreId, st.name AS Name, st.region_id AS RegionId, r.name AS RegionName,
               st.latitude AS Latitude, st.longitude AS Longitude, st.time_zone AS TimeZone, w.from_at AS WindowStart
        FROM windows w
        JOIN store st USING (store_id)
        JOIN region r ON r.region_id = st.region_id
        WHERE w.k = 0
        ORDER BY st.region_id, st.store_id;
        """;

    private static readonly string HeatmapSql = $"""
        {WithoutJit}

        WITH {WindowsCte}, {ObservedCte},
        sold AS (
            SELECT sc.store_id, c.item_code, c.units, c.past_units
            FROM {StoreItemUnits("true")}
        ), {RankedCells}
        """;

    // The previous weeks' whole local hours of "today" (k = 1..@weeks, [hours_from, hours_to)) per store and item:
    // their units, and as a bit mask the weeks with a rollup row, i.e. with a sale in those hours (bit k for week k; a
    // bigint, as HotItems:UsualWeeks goes up to 52).
    // This is ~80 % of the rows "today" reads, and they change only when a store's local hour turns (or a backlog of
    // old sales lands), so HotItemHeatmapCache keeps it per quarter hour.
    private static readonly string UsualSql = $"""
        {WithoutJit}

        WITH {ScopeCte}
        SELECT sc.store_id, c.item_code, c.units, c.weeks
        FROM scope sc
        CROSS JOIN LATERAL (
            SELECT h.item_code, sum(h.units) AS units, bit_or(1::bigint << h.k) AS weeks
            FROM ({WholeHours("w.k > 0")}) h
            GROUP BY h.item_code
        ) c;
        """;

    // "Today" with the previous weeks' whole hours given (a HeatmapUsual, as arrays): read here are only today's
    // whole hours from the rollup and every week's current, incomplete hour from the ledger. The two are added up per
    // store and item and the weeks observed are the union of both parts' weeks, so sold and observed are what
    // HeatmapSql computes and the ranking after them is the same SQL.
    private static readonly string TodaySql = $"""
        {WithoutJitWithWorkMem}

        WITH {WindowsCte},
        usual AS (
            -- The usual may be the chain's (one read a quarter hour serves every region): only the scope's stores.
            SELECT u.* FROM unnest(@usualStores::text[], @usualItems::text[], @usualUnits::numeric[]) AS u(store_id, item_code, past_units)
            JOIN scope USING (store_id)
        ), usual_weeks AS (
            SELECT m.* FROM unnest(@weekStores::text[], @weekMasks::bigint[]) AS m(store_id, mask)
            JOIN scope USING (store_id)
        ), tail_weeks AS (
            -- The EXISTS inside the CASE is probed per window on the sale index (as in ObservedCte): as a WHERE
            -- clause it became a semi join that hashed every sale in the ledger.
            SELECT w.store_id, bit_or(CASE WHEN EXISTS (
                       SELECT 1 FROM sale s WHERE s.store_id = w.store_id AND s.rung_up_at >= w.tail_from AND s.rung_up_at < w.to_at)
                   THEN 1::bigint << w.k ELSE 0 END) AS mask
            FROM windows w
            WHERE w.k > 0
            GROUP BY w.store_id
        ), observed AS (
            SELECT store_id, (SELECT count(*) FROM generate_series(1, @weeks) AS k(k)
                              WHERE (coalesce(t.mask, 0) | coalesce(m.mask, 0)) & (1::bigint << k.k) <> 0)::int AS weeks
            FROM tail_weeks t FULL JOIN usual_weeks m USING (store_id)
        ), live AS (
            SELECT sc.store_id, c.item_code, c.units, c.past_units
            FROM {StoreItemUnits("w.k = 0")}
        ), sold AS (
            -- round(, 3): the scale of a sum of the rollup's numeric(16, 3), whatever scale the decimal came back
            -- with, so that the usual divided from it is the very number HeatmapSql divides (PostgreSQL picks a
            -- division's scale from its operands').
            SELECT store_id, item_code, coalesce(l.units, 0) AS units,
                   coalesce(l.past_units, 0) + coalesce(round(u.past_units, 3), 0) AS past_units
            FROM live l FULL JOIN usual u USING (store_id, item_code)
        ), {RankedCells}
        """;

    private static readonly string TopStoresSql = $"""
        {WithoutJit}

        WITH {WindowsCte}, {ObservedCte},
        sold AS (
            SELECT sc.store_id, c.units, c.past_units
            FROM {StoreItemUnits("true")}
            WHERE c.item_code = @item
        )
        SELECT so.store_id AS StoreId, st.name AS StoreName, st.region_id AS RegionId,
               so.units AS Units, so.past_units AS PastUnits, coalesce(o.weeks, 0) AS Weeks
        FROM sold so
        JOIN store st USING (store_id)
        LEFT JOIN observed o USING (store_id)
        WHERE so.units > 0;

        SELECT name FROM item WHERE item_code = @item;
        """;

    private const string CellSalesSql = $"""
        WITH {WindowsCte}
        SELECT st.store_id AS StoreId, st.name AS StoreName, st.region_id AS RegionId, w.from_at AS WindowStart,
               (SELECT name FROM item WHERE item_code = @item) AS ItemName
        FROM windows w JOIN store st USING (store_id);

        WITH {WindowsCte},
        picked AS (
            SELECT s.store_id, s.terminal_id, s.sequence, s.kind, s.receipt_number, s.rung_up_at, s.total,
                   s.cashier_id, s.member_id, s.rep_id
            FROM windows w
            JOIN sale s ON s.store_id = w.store_id AND s.rung_up_at >= w.from_at AND s.rung_up_at < w.to_at
            WHERE EXISTS (
                SELECT 1 FROM sale_line x
                WHERE x.store_id = s.store_id AND x.terminal_id = s.terminal_id AND x.sequence = s.sequence AND x.item_code = @item)
            ORDER BY s.rung_up_at DESC, s.terminal_id, s.sequence DESC
            LIMIT @limit
        )
        SELECT p.terminal_id AS TerminalId, p.sequence AS Sequence, p.kind AS Kind, p.receipt_number AS ReceiptNumber,
               p.rung_up_at AS RungUpAt, p.total AS Total, p.cashier_id AS CashierId, p.member_id AS MemberId, p.rep_id AS RepId,
               (SELECT json_agg(json_build_object(
                           'lineNumber', l.line_number, 'itemCode', l.item_code, 'itemName', i.name, 'quantity', l.quantity,
                           'unitPrice', l.unit_price, 'discount', l.discount, 'amount', l.amount) ORDER BY l.line_number)
                FROM sale_line l LEFT JOIN item i ON i.item_code = l.item_code
                WHERE l.store_id = p.store_id AND l.terminal_id = p.terminal_id AND l.sequence = p.sequence)::text AS Lines
        FROM picked p
        ORDER BY p.rung_up_at DESC, p.terminal_id, p.sequence DESC;
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private HotItemOptions Rule => rule.Value;

    /// <summary>
    /// The heatmap for a window ending at <paramref name="at"/>: stores in scope (a region, or the whole chain), the
    /// chain's top items ordered by <paramref name="metric"/>, and a cell for every store × top item that sold or
    /// usually sells in the window.
    /// </summary>
    public Task<HotItemHeatmap> Heatmap(HeatmapWindow window, string? regionId, HeatmapMetric metric, DateTimeOffset at, CancellationToken cancellationToken) =>
        ReadHeatmap(HeatmapSql, HeatmapParameters(window, regionId, metric, at), window, regionId, metric, at, cancellationToken);

    /// <summary>The start of the quarter hour <paramref name="at"/> falls in, the key of a <see cref="HeatmapUsual"/>.</summary>
    public static DateTimeOffset QuarterHourOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % (15 * TimeSpan.TicksPerMinute)), TimeSpan.Zero);
    }

    /// <summary>
    /// The part of "today" that is the previous weeks' whole local hours, for the stores in scope during the quarter
    /// hour starting at <paramref name="quarterHour"/>. Every time-zone offset in use is a multiple of 15 minutes, so
    /// no store's local hour (nor day) turns within a quarter hour of UTC: those hours, read at its start, are the
    /// ones of any moment in it. (Sales of those past hours that land late show at the next quarter hour.)
    /// </summary>
    public async Task<HeatmapUsual> Usual(string? regionId, DateTimeOffset quarterHour, CancellationToken cancellationToken)
    {
        if (quarterHour != QuarterHourOf(quarterHour))
        {
            throw new ArgumentException($"{quarterHour:O} is not the start of a quarter hour.", nameof(quarterHour));
        }

        var weeks = Rule.UsualWeeks;
        var parameters = Parameters(HeatmapWindow.Today, quarterHour, regionId, storeId: null, weeks);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Store ids and item codes repeat on every row: one string each, so a chain's usual costs memory per row only
        // for the units.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string name) => names.TryGetValue(name, out var kept) ? kept : names[name] = name;
        var stores = new List<string>();
        var items = new List<string>();
        var units = new List<decimal>();
        var masks = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(UsualSql, parameters, cancellationToken: cancellationToken)))
        {
            await reader.NextResultAsync(cancellationToken); // past set_config
            while (await reader.ReadAsync(cancellationToken))
            {
                var store = Shared(reader.GetString(0));
                stores.Add(store);
                items.Add(Shared(reader.GetString(1)));
                units.Add(reader.GetDecimal(2));
                masks[store] = masks.GetValueOrDefault(store) | reader.GetInt64(3);
            }
        }

        return new HeatmapUsual(regionId, quarterHour, weeks, [.. stores], [.. items], [.. units], [.. masks.Keys], [.. masks.Values]);
    }

    /// <summary>
    /// Today's heatmap of a region (or the chain, when <paramref name="regionId"/> is null), the same as
    /// <see cref="Heatmap"/> for <see cref="HeatmapWindow.Today"/>, with the previous weeks' whole hours taken from
    /// <paramref name="usual"/> (of <paramref name="at"/>'s quarter hour; the region's or the chain's) instead of read
    /// again: only today's whole hours and the current hour of every week are read.
    /// </summary>
    public Task<HotItemHeatmap> Today(HeatmapUsual usual, string? regionId, HeatmapMetric metric, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (usual.QuarterHour != QuarterHourOf(at) || usual.Weeks != Rule.UsualWeeks)
        {
            throw new ArgumentException($"The usual of {usual.QuarterHour:O} ({usual.Weeks} weeks) is not the one of {at:O} ({Rule.UsualWeeks} weeks).", nameof(usual));
        }

        if (usual.RegionId is not null && usual.RegionId != regionId)
        {
            throw new ArgumentException($"The usual of region {usual.RegionId} does not hold the stores of {regionId ?? "the chain"}.", nameof(usual));
        }

        var parameters = HeatmapParameters(HeatmapWindow.Today, regionId, metric, at);
        parameters.AddDynamicParams(new
        {
            usualStores = usual.Stores,
            usualItems = usual.Items,
            usualUnits = usual.Units,
            weekStores = usual.WeekStores,
            weekMasks = usual.WeekMasks,
            workMem = $"{options.Value.ReadWorkMemMegabytes}MB",
        });
        return ReadHeatmap(TodaySql, parameters, HeatmapWindow.Today, regionId, metric, at, cancellationToken);
    }

    private DynamicParameters HeatmapParameters(HeatmapWindow window, string? regionId, HeatmapMetric metric, DateTimeOffset at)
    {
        var parameters = Parameters(window, at, regionId, storeId: null, Rule.UsualWeeks);
        parameters.AddDynamicParams(new
        {
            byLift = metric == HeatmapMetric.Lift,
            prior = Rule.PriorUnits,
            minimum = Rule.MinimumUnits,
            top = options.Value.TopItems,
        });
        return parameters;
    }

    private async Task<HotItemHeatmap> ReadHeatmap(
        string sql, DynamicParameters parameters, HeatmapWindow window, string? regionId, HeatmapMetric metric, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        await results.ReadSingleAsync<string>();
        var cellRows = (await results.ReadAsync<CellRow>()).ToList();
        var stores = (await results.ReadAsync<StoreRow>()).Select(s => s.ToStore()).ToList();

        var cells = cellRows.Select(r => Cell(r.StoreId, r.ItemCode, r.Units, r.PastUnits, r.Weeks)).ToList();
        var items = cellRows
            .GroupBy(r => (r.Rank, r.ItemCode, r.ItemName))
            .Select(g =>
            {
                var total = ItemLift.Of(g.Sum(r => r.Units), g.Sum(r => UsualVelocity.Average(r.PastUnits, r.Weeks)), Rule);
                return new HeatmapItem((int)g.Key.Rank, g.Key.ItemCode, g.Key.ItemName, total.Units, total.UsualUnits, total.Lift, total.IsHot);
            })
            .OrderBy(i => i.Rank)
            .ToList();
        return new HotItemHeatmap(window.Text(), metric.Text(), regionId, at, stores, items, cells);
    }

    /// <summary>The stores where <paramref name="itemCode"/> sold in the window, hottest first by <paramref name="metric"/>, at most <c>TopStores</c>.</summary>
    public async Task<ItemTopStores> TopStores(string itemCode, HeatmapWindow window, string? regionId, HeatmapMetric metric, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var parameters = Parameters(window, at, regionId, storeId: null, Rule.UsualWeeks);
        parameters.Add("item", itemCode);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(TopStoresSql, parameters, cancellationToken: cancellationToken));
        await results.ReadSingleAsync<string>();
        var rows = (await results.ReadAsync<TopStoreRow>()).ToList();
        var itemName = await results.ReadSingleOrDefaultAsync<string?>();

        var ranked = rows
            .Select(r => (Row: r, Lift: ItemLift.Of(r.Units, UsualVelocity.Average(r.PastUnits, r.Weeks), Rule)))
            .ToList();
        ranked.Sort((a, b) =>
        {
            var order = metric == HeatmapMetric.Lift ? ItemLift.CompareHottestFirst(a.Lift, b.Lift, Rule) : b.Lift.Units.CompareTo(a.Lift.Units);
            return order != 0 ? order : string.CompareOrdinal(a.Row.StoreId, b.Row.StoreId);
        });
        var stores = ranked
            .Take(options.Value.TopStores)
            .Select((r, i) => new StoreItemHeat(i + 1, r.Row.StoreId, r.Row.StoreName, r.Row.RegionId, r.Lift.Units, r.Lift.UsualUnits, r.Lift.Lift, r.Lift.IsHot))
            .ToList();
        return new ItemTopStores(itemCode, itemName, window.Text(), metric.Text(), regionId, at, stores);
    }

    /// <summary>
    /// The sales behind one cell: the store's sales in the window that hold the item, newest first, each with all its
    /// lines, at most <c>CellSalesLimit</c>. Null when the store does not exist.
    /// </summary>
    public async Task<CellSales?> SalesBehind(string storeId, string itemCode, HeatmapWindow window, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var parameters = Parameters(window, at, regionId: null, storeId, weeks: 0);
        parameters.AddDynamicParams(new { item = itemCode, limit = options.Value.CellSalesLimit });

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(CellSalesSql, parameters, cancellationToken: cancellationToken));
        var store = await results.ReadSingleOrDefaultAsync<CellStoreRow>();
        var heads = (await results.ReadAsync<SaleHead>()).ToList();
        if (store is null)
        {
            return null;
        }

        var sales = heads
            .Select(sale =>
            {
                // The lines come as one JSON array per sale: one row per sale, in the one round trip.
                IReadOnlyList<CellSaleLine> saleLines = JsonSerializer.Deserialize<List<CellSaleLine>>(sale.Lines, JsonOptions) ?? [];
                return new CellSale(
                    sale.TerminalId,
                    sale.Sequence,
                    sale.Kind,
                    sale.ReceiptNumber,
                    LedgerTime.Utc(sale.RungUpAt),
                    sale.Total,
                    sale.CashierId,
                    sale.MemberId,
                    sale.RepId,
                    saleLines.Where(l => l.ItemCode == itemCode).Sum(l => l.Quantity),
                    saleLines);
            })
            .ToList();
        return new CellSales(store.StoreId, store.StoreName, store.RegionId, itemCode, store.ItemName, window.Text(), LedgerTime.Utc(store.WindowStart), at, sales);
    }

    private HeatmapCell Cell(string storeId, string itemCode, decimal units, decimal pastUnits, int weeks)
    {
        var lift = ItemLift.Of(units, UsualVelocity.Average(pastUnits, weeks), Rule);
        return new HeatmapCell(storeId, itemCode, lift.Units, lift.UsualUnits, lift.Lift, lift.IsHot);
    }

    private DynamicParameters Parameters(HeatmapWindow window, DateTimeOffset at, string? regionId, string? storeId, int weeks)
    {
        var scanSourced = Rule.ScanSourcedTerminals.SelectMany(s => s.Value.Select(terminal => (Store: s.Key, Terminal: terminal))).ToList();
        return new(new
        {
            at = at.ToUniversalTime(),
            today = window == HeatmapWindow.Today,
            minutes = (int)window.Length().TotalMinutes,
            weeks,
            region = regionId,
            store = storeId,
            scanStores = scanSourced.Select(s => s.Store).ToArray(),
            scanTerminals = scanSourced.Select(s => s.Terminal).ToArray(),
        });
    }


#pragma warning disable CA1812 // Dapper creates these.
    private sealed record CellRow(long Rank, string ItemCode, string? ItemName, string StoreId, decimal Units, decimal PastUnits, int Weeks);

    private sealed record StoreRow(string StoreId, string Name, string RegionId, string RegionName, double? Latitude, double? Longitude, string TimeZone, DateTime WindowStart)
    {
        public HeatmapStore ToStore() => new(StoreId, Name, RegionId, RegionName, Latitude, Longitude, TimeZone, LedgerTime.Utc(WindowStart));
    }

    private sealed record TopStoreRow(string StoreId, string StoreName, string RegionId, decimal Units, decimal PastUnits, int Weeks);

    private sealed record CellStoreRow(string StoreId, string StoreName, string RegionId, DateTime WindowStart, string? ItemName);

    private sealed record SaleHead(
        string TerminalId,
        long Sequence,
        string Kind,
        string? ReceiptNumber,
        DateTime RungUpAt,
        decimal Total,
        string? CashierId,
        string? MemberId,
        string? RepId,
        string Lines);
#pragma warning restore CA1812
}
