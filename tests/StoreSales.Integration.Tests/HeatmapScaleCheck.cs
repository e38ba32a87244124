using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.HotItems;
using StoreSales.Domain.HotItems;
using StoreSales.Testing;

namespace StoreSales.Integration.Tests;

/// <summary>
/// Issue 13's scale: today's heatmap over 5,000 stores × 20 items, the rollup holding every hour of today so far and
/// of the same weekday in the weeks before, the ledger the current hour. Explicit: it seeds ~11 million rows and
/// reports times rather than asserting them (run it with <c>--explicit only --filter-class '*HeatmapScaleCheck*'</c>).
/// With <c>STORESALES_HEATMAP_DB</c> set to a database seeded before with <see cref="Seed"/> and
/// <c>STORESALES_HEATMAP_AT</c> to the moment it was seeded for, it reads that one instead, so a read after
/// restarting PostgreSQL is a cold one; with <c>STORESALES_HEATMAP_KEEP</c> set, the database it seeds is kept for that.
/// Reports the read in one statement and in two parts: the chain's usual of a quarter hour (the previous weeks' whole
/// hours, which every command-center node keeps whether or not anyone watches), then the live part, which is all a
/// view nobody has looked at waits for once the node holds the usual, and what each refresh reads.
/// </summary>
public sealed class HeatmapScaleCheck
{
    public const string DatabaseVariable = "STORESALES_HEATMAP_DB";

    /// <summary>Set: the database seeded by this run is kept (its connection string is printed) instead of dropped.</summary>
    public const string KeepVariable = "STORESALES_HEATMAP_KEEP";

    // 5,000 stores (90% Shanghai, 5% London, 5% Delhi) × 20 of 60 items; the rollup for every hour of today before
    // the current one and for the whole same weekday of the 4 weeks before, and those summed per day as the fold keeps
    // them; the ledger for the current hour of each of those days (6 sales of 2 lines per store and day, one every 10 minutes).
    public const string Seed = """
        INSERT INTO region (region_id, name) SELECT 'perf-r' || r, 'Region ' || r FROM generate_series(0, 9) r;
        INSERT INTO store (store_id, name, region_id, time_zone, opens, closes)
        SELECT 'perf-' || lpad(i::text, 5, '0'), 'Store ' || i, 'perf-r' || (i % 10),
               CASE WHEN i % 20 = 0 THEN 'Europe/London' WHEN i % 20 = 1 THEN 'Asia/Kolkata' ELSE 'Asia/Shanghai' END, '07:00', '23:00'
        FROM generate_series(1, 5000) i;
        INSERT INTO item (item_code, name, unit_price) SELECT 'PI' || lpad(n::text, 3, '0'), 'Item ' || n, 3.50 FROM generate_series(0, 59) n;

        INSERT INTO sale_item_hour (store_id, local_hour, item_code, units, amount, lines)
        SELECT st.store_id, h.local_hour, 'PI' || lpad(((st.n * 7 + j * 3) % 60)::text, 3, '0'), u.units, u.units * 3.5, least(u.units, 5)::int
        FROM (SELECT store_id, substr(store_id, 6)::int AS n, time_zone FROM store WHERE store_id LIKE 'perf-%') st
        CROSS JOIN LATERAL (SELECT @at AT TIME ZONE st.time_zone AS local_at) l
        CROSS JOIN generate_series(0, 4) k
        CROSS JOIN LATERAL generate_series(date_trunc('day', l.local_at) - make_interval(weeks => k),
                                           CASE WHEN k = 0 THEN date_trunc('hour', l.local_at) - interval '1 hour'
                                                ELSE date_trunc('day', l.local_at) - make_interval(weeks => k) + interval '23 hours' END,
                                           interval '1 hour') AS h(local_hour)
        CROSS JOIN generate_series(0, 19) j
        CROSS JOIN LATERAL (SELECT (1 + floor(random() * 10))::numeric AS units) u;

        INSERT INTO sale_item_day (store_id, local_day, item_code, units, amount, lines)
        SELECT store_id, local_hour::date, item_code, sum(units), sum(amount), sum(lines)
        FROM sale_item_hour WHERE store_id LIKE 'perf-%'
        GROUP BY 1, 2, 3;

        INSERT INTO sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, total)
        SELECT st.store_id, 'T01', k * 100 + s + 1, 'sale', t.at, t.at, 7.00
        FROM (SELECT store_id, time_zone FROM store WHERE store_id LIKE 'perf-%') st
        CROSS JOIN LATERAL (SELECT @at AT TIME ZONE st.time_zone AS local_at) l
        CROSS JOIN generate_series(0, 4) k
        CROSS JOIN generate_series(0, 5) s
        CROSS JOIN LATERAL (SELECT (date_trunc('hour', l.local_at) - make_interval(weeks => k) + make_interval(mins => s * 10)) AT TIME ZONE st.time_zone AS at) t;

        INSERT INTO sale_line (store_id, terminal_id, sequence, line_number, item_code, quantity, unit_price, amount)
        SELECT s.store_id, s.terminal_id, s.sequence, n, 'PI' || lpad(((s.sequence * 5 + n * 11) % 60)::text, 3, '0'), 1, 3.50, 3.50
        FROM sale s CROSS JOIN generate_series(1, 2) n
        WHERE s.store_id LIKE 'perf-%';
        """;

    [Fact(Explicit = true)]
    public async Task Todays_heatmap_over_5000_stores()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var cancel = TestContext.Current.CancellationToken;
        var at = Environment.GetEnvironmentVariable("STORESALES_HEATMAP_AT") is { Length: > 0 } given
            ? DateTimeOffset.Parse(given, System.Globalization.CultureInfo.InvariantCulture)
            : DateTimeOffset.UtcNow;
        TestDatabase? seeded = null;
        NpgsqlDataSource dataSource;
        if (Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } existing)
        {
            dataSource = NpgsqlDataSource.Create(existing);
        }
        else
        {
            seeded = await TestDatabase.Create("heatscale", seedDemo: false);
            dataSource = seeded.DataSource;
            var watch = Stopwatch.StartNew();
            await using var connection = await dataSource.OpenConnectionAsync(cancel);
            await connection.ExecuteAsync(new CommandDefinition(Seed, new { at = at.UtcDateTime }, commandTimeout: 0, cancellationToken: cancel));
            await connection.ExecuteAsync(new CommandDefinition("VACUUM ANALYZE", commandTimeout: 0, cancellationToken: cancel));
            output.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:F0} s: {seeded.Name}");
        }

        try
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancel))
            {
                var (stores, rows) = await connection.QuerySingleAsync<(long, long)>("SELECT (SELECT count(*) FROM store), (SELECT count(*) FROM sale_item_hour)");
                output.WriteLine($"{stores} stores, {rows} rollup rows, {Environment.ProcessorCount} cores, at {at:u}");
            }

            // "Today" in two parts as HotItemHeatmapCache reads it: the first read of a quarter hour reads the previous
            // weeks' whole hours (the usual) and the live part, a refresh within the same quarter hour only the live
            // part. First, so that after a restart of PostgreSQL the first of them is the cold one. Then the read in
            // one statement, which each must equal.
            var reader = new HotItemHeatmapReader(dataSource, Options.Create(new HotItemOptions()), Options.Create(new HotItemHeatmapOptions()));
            var watch = new Stopwatch();
            var reads = new List<HotItemHeatmap>();
            for (var call = 1; call <= 2; call++)
            {
                watch.Restart();
                var usual = await reader.Usual(null, HotItemHeatmapReader.QuarterHourOf(at), cancel);
                var usualMs = watch.Elapsed.TotalMilliseconds;
                reads.Add(await reader.Today(usual, null, HeatmapMetric.Lift, at, cancel));
                output.WriteLine($"usual and live part {call}: {watch.Elapsed.TotalMilliseconds:F0} ms (usual {usualMs:F0} ms, {usual.Rows} store × item rows; live {watch.Elapsed.TotalMilliseconds - usualMs:F0} ms)");
                for (var refresh = 1; refresh <= 3; refresh++)
                {
                    watch.Restart();
                    reads.Add(await reader.Today(usual, null, HeatmapMetric.Lift, at, cancel));
                    output.WriteLine($"  live part only (a view nobody looked at, or a refresh) {refresh}: {watch.Elapsed.TotalMilliseconds:F0} ms");
                }

                // A region's view from the chain's usual, as the cache serves it.
                watch.Restart();
                var region = await reader.Today(usual, "perf-r3", HeatmapMetric.Lift, at, cancel);
                output.WriteLine($"  a region's live part from the chain's usual: {watch.Elapsed.TotalMilliseconds:F0} ms, {region.Stores.Count} stores");
            }

            watch.Restart();
            var whole = await reader.Heatmap(HeatmapWindow.Today, null, HeatmapMetric.Lift, at, cancel);
            output.WriteLine($"one statement: {watch.Elapsed.TotalMilliseconds:F0} ms, {whole.Stores.Count} stores, {whole.Items.Count} items, {whole.Cells.Count} cells");
            output.WriteLine($"every two-part read equals it: {reads.All(r => Same(whole, r))}");
            Assert.All(reads, read => Assert.True(Same(whole, read), "a two-part read differs from the one-statement read"));
        }
        finally
        {
            if (seeded is null)
            {
                await dataSource.DisposeAsync();
            }
            else if (Environment.GetEnvironmentVariable(KeepVariable) is { Length: > 0 })
            {
                // Kept for later runs against STORESALES_HEATMAP_DB (seeding takes minutes).
                output.WriteLine($"kept: {seeded.ConnectionString}");
                await seeded.DataSource.DisposeAsync();
            }
            else
            {
                await seeded.DisposeAsync();
            }
        }
    }

    private static bool Same(HotItemHeatmap a, HotItemHeatmap b) =>
        a.Items.SequenceEqual(b.Items) && a.Cells.SequenceEqual(b.Cells) && a.Stores.SequenceEqual(b.Stores);
}
