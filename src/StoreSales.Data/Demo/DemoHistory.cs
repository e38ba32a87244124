using Dapper;
using Npgsql;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;

namespace StoreSales.Data.Demo;

/// <summary>
/// Gives the demo chain a past: weeks of sales in the ledger under terminal <c>HIST</c>, with lunch and evening
/// peaks, busier weekends, and each store running at its own pace against target, so that pacing profiles
/// have history to learn from and the boards open on a realistic mix of green, yellow and red.
/// Written once per store; the live simulated tills add to it.
/// </summary>
public sealed class DemoHistory(NpgsqlDataSource dataSource, SaleLedger ledger)
{
    public const string HistoryTerminal = "HIST";
    private const int BatchSize = 1000;

    public async Task<int> Backfill(DemoChain chain, IReadOnlyList<(string Code, string Name, decimal Price)> items, DateTimeOffset now, int weeks, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var store in chain.Stores)
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM sale WHERE store_id = @store AND terminal_id = @terminal",
                    new { store = store.Id, terminal = HistoryTerminal },
                    cancellationToken: cancellationToken));
                if (existing > 0)
                {
                    continue;
                }
            }

            var batch = new List<SaleRecord>(BatchSize);
            foreach (var sale in Generate(store, items, now, weeks))
            {
                batch.Add(sale);
                if (batch.Count == BatchSize)
                {
                    written += (await ledger.Append(store.Id, batch, cancellationToken)).Count;
                    batch.Clear();
                }
            }

            written += (await ledger.Append(store.Id, batch, cancellationToken)).Count;
        }

        return written;
    }

    /// <summary>How far ahead of (or behind) target each demo store runs, so the boards show every colour.</summary>
    private static decimal Pace(string storeId) => (storeId.Sum(c => c) % 6) switch
    {
        0 => 1.00m,
        1 => 0.90m,
        2 => 0.78m,
        3 => 1.10m,
        4 => 0.97m,
        _ => 1.25m,
    };

    private static IEnumerable<SaleRecord> Generate(DemoStore store, IReadOnlyList<(string Code, string Name, decimal Price)> items, DateTimeOffset now, int weeks)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(store.TimeZone);
        var random = new Random(store.Id.Length * 7919 + store.Id[^1]);
        var opens = TimeOnly.Parse(store.Opens, System.Globalization.CultureInfo.InvariantCulture);
        var closes = TimeOnly.Parse(store.Closes, System.Globalization.CultureInfo.InvariantCulture);
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var sequence = 0L;
        var pace = Pace(store.Id);

        for (var day = DateOnly.FromDateTime(localNow.DateTime).AddDays(-7 * weeks); day <= DateOnly.FromDateTime(localNow.DateTime); day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var dayTarget = store.MonthlyTarget / DateTime.DaysInMonth(day.Year, day.Month) * (weekend ? 1.2m : 0.92m);
            var hours = Enumerable.Range(opens.Hour, closes.Hour - opens.Hour + (closes.Minute > 0 ? 1 : 0)).ToList();
            var weights = hours.ToDictionary(h => h, h => h is 11 or 12 ? 2.0 : h is 17 or 18 or 19 ? 2.5 : 1.0);
            var weightSum = weights.Values.Sum();

            foreach (var hour in hours)
            {
                var hourAmount = dayTarget * pace * (decimal)(weights[hour] / weightSum) * (decimal)(0.85 + (random.NextDouble() * 0.3));
                var sold = 0m;
                while (sold < hourAmount)
                {
                    var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, random.Next(60), random.Next(60))), zone.GetUtcOffset(day.ToDateTime(new TimeOnly(hour, 0))));
                    if (at > now)
                    {
                        break;
                    }

                    var lines = Enumerable.Range(1, random.Next(1, 5))
                        .Select(n =>
                        {
                            var item = items[random.Next(items.Count)];
                            var quantity = random.Next(1, 4);
                            return new SaleLineRecord { LineNumber = n, ItemCode = item.Code, Quantity = quantity, UnitPrice = item.Price, Amount = quantity * item.Price };
                        })
                        .ToList();
                    var total = lines.Sum(l => l.Amount);
                    sold += total;
                    yield return new SaleRecord
                    {
                        TerminalId = HistoryTerminal,
                        Sequence = ++sequence,
                        Kind = SaleKinds.Sale,
                        RungUpAt = at,
                        CapturedAt = at,
                        Total = total,
                        Lines = lines,
                        Tenders = [new TenderRecord { Method = random.Next(3) == 0 ? "cash" : "wechat", Amount = total }],
                    };
                }
            }
        }
    }
}
