using Dapper;
using Npgsql;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;
using StoreSales.Domain.Demo;

namespace StoreSales.Data.Demo;

/// <summary>
/// Gives the demo chain a past: weeks of sales in the ledger under terminal <c>HIST</c>, shaped by
/// <see cref="DemoSalesShape"/> (lunch and evening peaks, busier weekends, each store at the pace its chain entry gives)
/// and with items picked by <see cref="DemoItemMix"/>, each credited to one of the store's reps by their share (or to
/// nobody), so that pacing profiles and usual item rates have history to
/// learn from, and the simulated tills, which sell by the same shape and mix, land where the history says they should.
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

    private static IEnumerable<SaleRecord> Generate(DemoStore store, IReadOnlyList<(string Code, string Name, decimal Price)> items, DateTimeOffset now, int weeks)
    {
        var profile = store.Profile();
        var mix = new DemoItemMix(items.Count);
        var random = new Random(store.Id.Length * 7919 + store.Id[^1]);

        // Reps are drawn from a stream of their own, so the sales themselves are the same with or without reps.
        var reps = new Random(store.Id.Length * 104729 + store.Id[^1]);
        var localNow = TimeZoneInfo.ConvertTime(now, profile.TimeZone);
        var opensAt = (profile.Hours.Opens.Hour * 60) + profile.Hours.Opens.Minute;
        var closesAt = (profile.Hours.Closes.Hour * 60) + profile.Hours.Closes.Minute;
        var sequence = 0L;

        for (var day = DateOnly.FromDateTime(localNow.DateTime).AddDays(-7 * weeks); day <= DateOnly.FromDateTime(localNow.DateTime); day = day.AddDays(1))
        {
            for (var hour = 0; hour < 24; hour++)
            {
                var hourStart = day.ToDateTime(new TimeOnly(hour, 0));
                if (new DateTimeOffset(hourStart, profile.TimeZone.GetUtcOffset(hourStart)) > now)
                {
                    break;
                }

                var hourAmount = DemoSalesShape.HourAmount(profile, day, hour) * (decimal)(0.85 + (random.NextDouble() * 0.3));
                var firstMinute = Math.Max(0, opensAt - (hour * 60));
                var endMinute = Math.Min(60, closesAt - (hour * 60));
                var sold = 0m;
                while (sold < hourAmount)
                {
                    var local = day.ToDateTime(new TimeOnly(hour, random.Next(firstMinute, endMinute), random.Next(60)));
                    var at = new DateTimeOffset(local, profile.TimeZone.GetUtcOffset(local));
                    var lines = Enumerable.Range(1, random.Next(1, 5))
                        .Select(n =>
                        {
                            var item = items[mix.Pick(random)];
                            var quantity = random.Next(1, 4);
                            return new SaleLineRecord { LineNumber = n, ItemCode = item.Code, Quantity = quantity, UnitPrice = item.Price, Amount = quantity * item.Price };
                        })
                        .ToList();
                    var total = lines.Sum(l => l.Amount);

                    // The sale that would pass the hour's amount is kept with the odds of the part that fits, so an
                    // hour sells its amount on average instead of half a sale more: the pace stays the store's pace.
                    if (sold + total > hourAmount && random.NextDouble() * (double)total > (double)(hourAmount - sold))
                    {
                        break;
                    }

                    sold += total;

                    // The hour under way is generated whole and written up to now: stopping at its first sale after now
                    // (minutes are drawn at random) would leave a store that starts the demo mid-hour short of its pace.
                    if (at > now)
                    {
                        continue;
                    }

                    yield return new SaleRecord
                    {
                        TerminalId = HistoryTerminal,
                        Sequence = ++sequence,
                        Kind = SaleKinds.Sale,
                        RungUpAt = at,
                        CapturedAt = at,
                        RepId = profile.RepFor(reps.NextDouble()),
                        Total = total,
                        Lines = lines,
                        Tenders = [new TenderRecord { Method = random.Next(3) == 0 ? "cash" : "wechat", Amount = total }],
                    };
                }
            }
        }
    }
}
