using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StoreSales.Data.Grading;
using StoreSales.Domain.SalesForce;
using StoreSales.Domain.SalesForce.Grading;

namespace StoreSales.Benchmarks;

/// <summary>
/// Issue 8's nightly grading at a chain's scale (docs/benchmarks.md): a million customers, their till sales over the
/// two windows the run reads (this window and the one before, for the trend), interactions and leads, all loaded by
/// binary COPY in time order as the ledger is written; then two nightly runs timed: the first (no history) and the
/// second (the steady state: last night's scores read for the drop rule, drops counted). The run is the production
/// statement (<see cref="PgCustomerGrading"/>); the alerts it leads to go through grains and are not timed here (the
/// run answers how many there are).
/// </summary>
internal static class NightlyGrading
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task Run(NpgsqlDataSource dataSource, int customers, double ordersPerWindow, int stores)
    {
        var rfm = new CustomerGradingOptions();
        var gradedOn = new DateOnly(2026, 12, 5);
        var days = 2 * rfm.WindowDays + 1;
        var random = new Random(8);
        var clock = Stopwatch.StartNew();

        await Execute(dataSource, "INSERT INTO region (region_id, name) VALUES ('region-bench', 'Bench')");
        await Execute(dataSource, $"""
            INSERT INTO store (store_id, name, region_id, latitude, longitude, time_zone, opens, closes)
            SELECT 'store-g' || n, 'Store ' || n, 'region-bench', 31.2, 121.4, 'Asia/Shanghai', '08:00', '22:00' FROM generate_series(1, {stores}) n;
            INSERT INTO rep (rep_id, name, store_id, department_id, level)
            SELECT 'rep-g' || n, 'Rep ' || n, 'store-g' || (1 + n % {stores}), 'dept-g' || (n % 20), 'senior' FROM generate_series(1, {Math.Max(1, customers / 1000)}) n;
            """);
        var reps = Math.Max(1, customers / 1000);

        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY customer (customer_id, kind, display_name, normalized_name, member_code, owner_rep_id, department_id, service_from, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var c = 0; c < customers; c++)
            {
                var id = CustomerId(c);
                var rep = 1 + (c % reps);
                importer.StartRow();
                importer.Write(id);
                importer.Write(c % 20 == 0 ? "account" : "member");
                importer.Write("Customer " + c.ToString(CultureInfo.InvariantCulture));
                importer.Write("CUSTOMER " + c.ToString(CultureInfo.InvariantCulture));
                importer.Write(MemberCode(c));
                importer.Write("rep-g" + rep.ToString(CultureInfo.InvariantCulture));
                importer.Write("dept-g" + (rep % 20).ToString(CultureInfo.InvariantCulture));
                importer.Write(new DateOnly(2026, 1, 1), NpgsqlDbType.Date);
                importer.Write(created, NpgsqlDbType.TimestampTz);
                importer.Write(created, NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync();
        }

        Console.WriteLine($"customers: {customers:N0} copied ({clock.Elapsed.TotalSeconds:0}s)");

        // Sales day by day, oldest first (the ledger is appended in time order, as the tills send it).
        var perDay = ordersPerWindow / rfm.WindowDays;
        long sales = 0;
        long sequence = 0;
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY sale (store_id, terminal_id, sequence, kind, rung_up_at, captured_at, member_id, total) FROM STDIN (FORMAT BINARY)"))
        {
            for (var day = days; day >= 1; day--)
            {
                var dayStart = ChainCalendar.StartOf(gradedOn.AddDays(-day), Zone).UtcDateTime;
                for (var c = 0; c < customers; c++)
                {
                    if (random.NextDouble() >= perDay)
                    {
                        continue;
                    }

                    var at = dayStart.AddSeconds(8 * 3600 + random.Next(14 * 3600));
                    var amount = Math.Round((decimal)(20 + (random.NextDouble() * 600)), 2);
                    var isReturn = random.Next(50) == 0;
                    importer.StartRow();
                    importer.Write("store-g" + (1 + (c % stores)).ToString(CultureInfo.InvariantCulture));
                    importer.Write("t1");
                    importer.Write(++sequence);
                    importer.Write(isReturn ? "return" : "sale");
                    importer.Write(at, NpgsqlDbType.TimestampTz);
                    importer.Write(at, NpgsqlDbType.TimestampTz);
                    importer.Write(MemberCode(c));
                    importer.Write(isReturn ? -amount : amount, NpgsqlDbType.Numeric);
                    sales++;
                }
            }

            await importer.CompleteAsync();
        }

        Console.WriteLine($"sales: {sales:N0} copied over {days} days ({clock.Elapsed.TotalSeconds:0}s)");

        // About one recorded interaction per customer a month and a lead for one customer in ten.
        long interactions = 0;
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync("COPY interaction (customer_id, rep_id, kind, at) FROM STDIN (FORMAT BINARY)"))
        {
            string[] kinds = ["call", "visit", "message", "note"];
            for (var day = days; day >= 1; day--)
            {
                var dayStart = ChainCalendar.StartOf(gradedOn.AddDays(-day), Zone).UtcDateTime;
                for (var c = 0; c < customers; c++)
                {
                    if (random.NextDouble() >= 1.0 / rfm.WindowDays)
                    {
                        continue;
                    }

                    importer.StartRow();
                    importer.Write(CustomerId(c));
                    importer.Write("rep-g" + (1 + (c % reps)).ToString(CultureInfo.InvariantCulture));
                    importer.Write(kinds[random.Next(kinds.Length)]);
                    importer.Write(dayStart.AddSeconds(9 * 3600 + random.Next(10 * 3600)), NpgsqlDbType.TimestampTz);
                    interactions++;
                }
            }

            await importer.CompleteAsync();
        }

        long leads = 0;
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var importer = await connection.BeginBinaryImportAsync("COPY lead (customer_id, rep_id, assigned_at, first_contact_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < customers; c += 10)
            {
                var assigned = ChainCalendar.StartOf(gradedOn.AddDays(-1 - random.Next(days - 1)), Zone).UtcDateTime.AddSeconds(9 * 3600 + random.Next(9 * 3600));
                importer.StartRow();
                importer.Write(CustomerId(c));
                importer.Write("rep-g" + (1 + (c % reps)).ToString(CultureInfo.InvariantCulture));
                importer.Write(assigned, NpgsqlDbType.TimestampTz);
                importer.Write(assigned.AddMinutes(random.Next(4 * 24 * 60)), NpgsqlDbType.TimestampTz);
                leads++;
            }

            await importer.CompleteAsync();
        }

        Console.WriteLine($"interactions: {interactions:N0}, leads: {leads:N0} ({clock.Elapsed.TotalSeconds:0}s)");
        await Execute(dataSource, "VACUUM ANALYZE");
        Console.WriteLine($"vacuum analyze done ({clock.Elapsed.TotalSeconds:0}s seeding in all)");
        Console.WriteLine();

        var grading = new PgCustomerGrading(dataSource, Options.Create(rfm), Options.Create(new CustomerHealthOptions()), Options.Create(new ChainCalendarOptions()));
        foreach (var (date, what) in new[] { (gradedOn.AddDays(-1), "first night (no history)"), (gradedOn, "next night (last night's scores read, drops counted)") })
        {
            var run = Stopwatch.StartNew();
            var result = await grading.Grade(date, DateTimeOffset.UtcNow, CancellationToken.None);
            run.Stop();
            var page = Stopwatch.StartNew();
            var drops = 0;
            string? after = null;
            while (await grading.UnalertedDrops(date, after, 1000, CancellationToken.None) is { Count: > 0 } found)
            {
                drops += found.Count;
                after = found[^1].CustomerId;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grading {date:yyyy-MM-dd}, {what}: {result.Customers:N0} customers in {run.Elapsed.TotalSeconds:0.0}s ({result.Customers / run.Elapsed.TotalSeconds:N0}/s), {result.Drops:N0} drops; reading the drops for their alerts: {page.Elapsed.TotalSeconds:0.0}s ({drops:N0})"));
        }

        var grades = await Scalar(dataSource, "SELECT string_agg(grade || ': ' || n, ', ' ORDER BY grade) FROM (SELECT grade, count(*) n FROM customer_grade WHERE graded_on = '2026-12-05' GROUP BY grade) g");
        Console.WriteLine($"grades of the second night: {grades}");
    }

    private static string CustomerId(int c) => "c-" + c.ToString("D7", CultureInfo.InvariantCulture);

    private static string MemberCode(int c) => "m" + c.ToString("D7", CultureInfo.InvariantCulture);

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
