using System.Diagnostics;
using System.Text.Json;
using StoreSales.Contracts.Ingest;
using StoreSales.Data.Ledger;

namespace StoreSales.Benchmarks;

/// <summary>
/// The silo's CPU per sale batch in two steps of the ingest endpoint, measured alone on one thread (no HTTP, no
/// database): reading a batch's JSON (the endpoint's way, DeserializeAsync over a stream, and from one span, tried and
/// measured no cheaper) and dropping its amounts' trailing zeros for the content hash (the decimal division the hash used,
/// and the integer way it uses now).
/// Batches as the load driver sends them (100 sales of 10 lines from the demo catalog). Docs: docs/benchmarks.md.
/// </summary>
internal static class RequestCpu
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task Run(int batches, int rounds)
    {
        var random = new Random(13);
        var source = new SaleBatches();
        var bodies = Enumerable.Range(0, batches)
            .Select(b => JsonSerializer.SerializeToUtf8Bytes(new SaleBatch
            {
                BatchId = $"b{b}",
                Sales = [.. Enumerable.Range(1, 100).Select(s => source.Sale("T01", (b * 100) + s, random))],
            }, Web))
            .ToList();
        var amounts = bodies.Take(1).Select(b => JsonSerializer.Deserialize<SaleBatch>(b, Web)!)
            .SelectMany(b => b.Sales).SelectMany(s => s.Lines.SelectMany(l => new[] { l.Quantity, l.UnitPrice, l.Discount, l.Amount }).Append(s.Total))
            .ToArray();
        Console.WriteLine($"== request CPU: {batches} batches of 100 ten-line sales ({bodies.Average(b => b.Length) / 1024:N0} KiB of JSON each), best of {rounds} rounds, one thread ==");

        for (var round = 0; round < 2; round++)
        {
            // The first round warms the JIT up; the second is printed.
            var stream = await Best(rounds, async () =>
            {
                foreach (var body in bodies)
                {
                    await using var input = new MemoryStream(body);
                    _ = await JsonSerializer.DeserializeAsync<SaleBatch>(input, Web);
                }
            });
            var span = await Best(rounds, () =>
            {
                foreach (var body in bodies)
                {
                    _ = JsonSerializer.Deserialize<SaleBatch>(body.AsSpan(), Web);
                }

                return Task.CompletedTask;
            });
            var division = await Best(rounds, () =>
            {
                for (var i = 0; i < bodies.Count; i++)
                {
                    foreach (var amount in amounts)
                    {
                        _ = decimal.GetBits(amount / 1.0000000000000000000000000000m);
                    }
                }

                return Task.CompletedTask;
            });
            var integer = await Best(rounds, () =>
            {
                for (var i = 0; i < bodies.Count; i++)
                {
                    foreach (var amount in amounts)
                    {
                        _ = decimal.GetBits(SaleContentHash.Normalized(amount));
                    }
                }

                return Task.CompletedTask;
            });
            if (round == 1)
            {
                Console.WriteLine($"read a batch's JSON: DeserializeAsync over a stream {PerBatch(stream, batches)}, from one span {PerBatch(span, batches)}");
                Console.WriteLine($"drop a batch's amounts' trailing zeros ({amounts.Length} amounts): decimal division {PerBatch(division, batches)}, integer {PerBatch(integer, batches)}");
            }
        }
    }

    private static string PerBatch(TimeSpan elapsed, int batches) => $"{elapsed.TotalMicroseconds / batches:N0} µs";

    private static async Task<TimeSpan> Best(int rounds, Func<Task> work)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            var elapsed = Stopwatch.GetElapsedTime(started);
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }
}
