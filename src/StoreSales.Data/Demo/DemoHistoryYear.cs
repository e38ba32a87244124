using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using StoreSales.Data.History;
using StoreSales.Domain.Demo;

namespace StoreSales.Data.Demo;

/// <summary>
/// Gives the demo chain thirteen months of past sales before its live weeks (<see cref="DemoHistory"/>), written through
/// the history import (a CSV file uploaded and written chunk by chunk, exactly as an imported file is): the stores' hourly
/// and weekly shape (<see cref="DemoSalesShape"/>), the seasons, promotions and closed days of <see cref="DemoSeasons"/>.
/// The promotions and closures are recorded as store events too. Sales are coarse (a few an hour, larger than a till's) so
/// that seeding stays quick; amounts per hour are what the shape says. Written once: a store that has them is skipped.
/// </summary>
public sealed class DemoHistoryYear(NpgsqlDataSource dataSource)
{
    public const string Terminal = "YEAR";
    private const string RecordedBy = "demo-seeder";

    /// <summary>
    /// Writes <paramref name="months"/> months up to the first day of <see cref="DemoHistory"/>'s <paramref name="weeks"/>
    /// (each store's own calendar, as it counts them); the number of sales added.
    /// </summary>
    public async Task<long> Backfill(DemoChain chain, IReadOnlyList<(string Code, string Name, decimal Price)> items, int weeks, int months, TimeProvider clock, CancellationToken cancellationToken)
    {
        var stores = new List<DemoStore>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            foreach (var store in chain.Stores)
            {
                var held = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM store_event WHERE store_id = @store AND recorded_by = @by)",
                    new { store = store.Id, by = RecordedBy },
                    cancellationToken: cancellationToken));
                if (!held)
                {
                    stores.Add(store);
                }
            }
        }

        if (stores.Count == 0)
        {
            return 0;
        }

        DateOnly LiveFrom(DemoStore store) =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), store.Profile().TimeZone).DateTime).AddDays(-7 * weeks);
        var csv = new MemoryStream();
        await using (var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            await writer.WriteLineAsync("store,terminal,time,item,quantity,amount");
            foreach (var store in stores)
            {
                Write(writer, store, items, LiveFrom(store).AddMonths(-months), LiveFrom(store));
            }
        }

        csv.Position = 0;
        var options = Options.Create(new HistoryImportOptions());
        var jobs = new HistoryImportJobs(dataSource, options, clock);
        if (await jobs.Submit(csv, "demo-year.csv", RecordedBy, HistoryBadRows.Stop, cancellationToken) is HistoryImportRefused refused)
        {
            throw new InvalidOperationException("The demo's history year was refused: " + string.Join(" ", refused.Problems));
        }

        var runner = new HistoryImportRunner(dataSource, clock);
        long added = 0;
        while (await runner.RunNextChunk(cancellationToken) is { } chunk)
        {
            added += chunk.SalesAdded;
        }

        await RecordEvents(stores, store => (LiveFrom(store).AddMonths(-months), LiveFrom(store)), clock, cancellationToken);
        return added;
    }

    private static void Write(StreamWriter writer, DemoStore store, IReadOnlyList<(string Code, string Name, decimal Price)> items, DateOnly from, DateOnly to)
    {
        var profile = store.Profile();
        var random = new Random(store.Id.Aggregate(7, (h, c) => unchecked((h * 31) + c)));
        var mix = new DemoItemMix(items.Count);
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var factor = DemoSeasons.DayFactor(store.Id, day);
            for (var hour = 0; hour < 24 && factor > 0; hour++)
            {
                var amount = DemoSalesShape.HourAmount(profile, day, hour) * factor * (decimal)(0.85 + (random.NextDouble() * 0.3));
                // Four sales an hour, each a line or two, at minutes of their own (one sale per till and second).
                for (var sale = 0; sale < 4 && amount > 0; sale++)
                {
                    var time = day.ToDateTime(new TimeOnly(hour, (sale * 15) + random.Next(15), random.Next(60)));
                    if (profile.TimeZone.IsInvalidTime(time))
                    {
                        continue;
                    }

                    var lines = random.Next(1, 3);
                    for (var line = 0; line < lines; line++)
                    {
                        var item = items[mix.Pick(random)];
                        var lineAmount = Math.Round(amount / 4 / lines, 2);
                        writer.Write(string.Create(CultureInfo.InvariantCulture,
                            $"{store.Id},{Terminal},{time:yyyy-MM-dd HH:mm:ss},{item.Code},{Math.Max(1, Math.Round(lineAmount / Math.Max(item.Price, 0.01m), 0))},{lineAmount:0.00}\n"));
                    }
                }
            }
        }
    }

    /// <summary>The promotions (one event per run of days) and closed days of the year, in each store's own zone.</summary>
    private async Task RecordEvents(List<DemoStore> stores, Func<DemoStore, (DateOnly From, DateOnly To)> span, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var now = LedgerTime.Now(clock).UtcDateTime;
        foreach (var store in stores)
        {
            var zone = store.Profile().TimeZone;
            var (from, to) = span(store);
            DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
            for (var day = from; day < to; day = day.AddDays(1))
            {
                (string? Kind, bool Closes, decimal? Uplift, string? Note) recorded = DemoSeasons.IsClosed(store.Id, day) ? ("weather-closure", true, null, "Closed for the day (demo history)")
                    : DemoSeasons.IsPromotion(day) && !DemoSeasons.IsPromotion(day.AddDays(-1)) ? ("promotion", false, DemoSeasons.PromotionUplift, "Chain promotion (demo history)")
                    : (null, false, null, null);
                var (kind, closes, uplift, note) = recorded;
                if (kind is null)
                {
                    continue;
                }

                var end = day.AddDays(1);
                while (kind == "promotion" && DemoSeasons.IsPromotion(end))
                {
                    end = end.AddDays(1);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO store_event (store_id, kind, starts_at, ends_at, closes_store, expected_uplift, note, recorded_by, recorded_at)
                    VALUES (@store, @kind, @starts, @ends, @closes, @uplift, @note, @by, @now)
                    """,
                    new { store = store.Id, kind, starts = At(day).UtcDateTime, ends = At(end).UtcDateTime, closes, uplift, note, by = RecordedBy, now },
                    cancellationToken: cancellationToken));
            }
        }
    }
}
