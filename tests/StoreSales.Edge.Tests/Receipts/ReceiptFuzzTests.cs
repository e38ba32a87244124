using System.Diagnostics;
using System.Globalization;
using System.Text;
using StoreSales.Edge.Devices.Receipts;
using StoreSales.Edge.Simulator;

namespace StoreSales.Edge.Tests.Receipts;

/// <summary>
/// 100 000 random frames through one receipt pipeline (stripper, splitter, decoder, parser): good receipts with
/// random ESC/POS commands between their lines, receipts damaged so that they cannot parse, and random bytes
/// of every value. Nothing throws; every good receipt is its sale, every damaged one is counted unparsed, no
/// garbage becomes a sale, and nothing printed goes unaccounted.
/// </summary>
public sealed class ReceiptFuzzTests
{
    private const int Frames = 100_000;

    private enum Kind
    {
        Good,
        Damaged,
        Garbage,
    }

    [Fact]
    public void Random_frames_never_throw_and_every_bad_frame_is_counted()
    {
        var random = new Random(20250601);
        var profile = TestProfiles.Load("simulator");
        var capture = new ReceiptCapture(profile, "T01", TimeProvider.System);
        var pool = ReceiptPool(random, 400);
        var results = new List<CapturedReceipt>();
        var counts = new Dictionary<Kind, int> { [Kind.Good] = 0, [Kind.Damaged] = 0, [Kind.Garbage] = 0 };
        var sales = 0;
        var unparsed = 0;
        var garbageUnparsed = 0;
        var watch = Stopwatch.StartNew();

        for (var frame = 0; frame < Frames; frame++)
        {
            var roll = random.NextDouble();
            var kind = roll < 0.4 ? Kind.Good : roll < 0.7 ? Kind.Damaged : Kind.Garbage;
            counts[kind]++;
            var (bytes, total) = pool[random.Next(pool.Count)];
            bytes = kind switch
            {
                Kind.Good => WithNoise(random, bytes),
                Kind.Damaged => Damage(random, WithNoise(random, bytes)),
                _ => Garbage(random),
            };

            results.Clear();
            var chunk = random.Next(1, 600);
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                capture.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), results);
            }

            if (kind == Kind.Garbage)
            {
                // Garbage may end inside a command or an image: end the stream there so the next frame starts clean.
                capture.Complete(results);
            }

            Assert.True(capture.Pending <= ReceiptReader.MaxDocumentBytes);
            sales += results.Count(r => r.Result.Outcome == ReceiptOutcome.Sale);
            unparsed += results.Count(r => r.Result.Outcome == ReceiptOutcome.Unparsed);
            switch (kind)
            {
                case Kind.Good:
                    var sale = Assert.Single(results);
                    Assert.True(sale.Result.Outcome == ReceiptOutcome.Sale, $"frame {frame}: {sale.Result.Reason}\n{sale.Document.Text}");
                    Assert.Equal(total, sale.Result.Sale!.Total);
                    Assert.Equal(bytes, sale.Document.Raw);
                    break;
                case Kind.Damaged:
                    var damaged = Assert.Single(results);
                    Assert.True(damaged.Result.Outcome == ReceiptOutcome.Unparsed, $"frame {frame} parsed:\n{damaged.Document.Text}");
                    Assert.False(string.IsNullOrEmpty(damaged.Result.Reason));
                    Assert.Equal(bytes, damaged.Document.Raw);
                    break;
                default:
                    Assert.DoesNotContain(results, r => r.Result.Outcome == ReceiptOutcome.Sale);
                    // Every document with text is kept as unparsed; only blank ones (commands, feeds) are ignored.
                    Assert.All(results, r => Assert.Equal(r.Document.IsBlank ? ReceiptOutcome.Ignored : ReceiptOutcome.Unparsed, r.Result.Outcome));
                    garbageUnparsed += results.Count(r => r.Result.Outcome == ReceiptOutcome.Unparsed);
                    break;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Frames} frames in {watch.Elapsed.TotalSeconds:0.0} s: {counts[Kind.Good]} good, {counts[Kind.Damaged]} damaged, {counts[Kind.Garbage]} garbage; " +
            $"{sales} sales, {unparsed} unparsed ({garbageUnparsed} from garbage); {capture.Stripper.UnknownCommands} unknown commands, {capture.Stripper.Cuts} cuts");
        Assert.Equal(counts[Kind.Good], sales);
        Assert.Equal(counts[Kind.Damaged] + garbageUnparsed, unparsed);
        Assert.True(garbageUnparsed > counts[Kind.Garbage] / 2, "most garbage frames hold some text");
    }

    /// <summary>Simulator receipts (and their totals), as the simulator prints them.</summary>
    private static List<(byte[] Bytes, decimal Total)> ReceiptPool(Random random, int count)
    {
        var catalog = new[]
        {
            new CatalogItem("6920433218190", "Jasmine green tea 500ml", 3.50m),
            new CatalogItem("6993503056411", "Rice, 5kg", 39.90m),
            new CatalogItem("6969407816185", "可乐 Cola", 3.00m),
            new CatalogItem("6948637940266", "Milk tea cup", 6.00m),
            new CatalogItem("96385074", "Gum", 1.20m),
        };
        var generator = new SaleGenerator(catalog, "T01", random);
        var start = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var sale = generator.Next(start.AddMinutes(i));
            return (ReceiptPrinter.Render(sale, "T01"), sale.Total);
        })];
    }

    /// <summary>Known ESC/POS commands (random parameters, random image data) inserted after random line feeds.</summary>
    private static byte[] WithNoise(Random random, byte[] receipt)
    {
        var result = new List<byte>(receipt.Length + 256);
        foreach (var b in receipt)
        {
            result.Add(b);
            if (b == 0x0A && random.Next(4) == 0)
            {
                result.AddRange(Command(random));
            }
        }

        return [.. result];
    }

    private static byte[] Command(Random random)
    {
        byte R() => (byte)random.Next(256);
        byte[] Data(int n)
        {
            var data = new byte[n];
            random.NextBytes(data);
            return data;
        }

        switch (random.Next(10))
        {
            case 0: return [0x1B, (byte)'!', R()];
            case 1: return [0x1D, (byte)'!', R(), 0x1B, (byte)'E', R(), 0x1B, (byte)'a', (byte)random.Next(3)];
            case 2: return [0x10, 0x04, (byte)random.Next(1, 5)];
            case 3:
                var w = random.Next(1, 6);
                var h = random.Next(1, 9);
                return [0x1D, (byte)'v', (byte)'0', 0, (byte)w, 0, (byte)h, 0, .. Data(w * h)];
            case 4:
                var q = random.Next(0, 40);
                return [0x1D, (byte)'(', (byte)'k', (byte)(q + 3), 0, 49, 80, 48, .. Data(q)];
            case 5:
                var c = random.Next(1, 6);
                return [0x1B, (byte)'*', 33, (byte)c, 0, .. Data(3 * c)];
            case 6:
                var k = random.Next(1, 20);
                return [0x1D, (byte)'k', 73, (byte)k, .. Data(k)];
            case 7: return [0x1B, (byte)'p', 0, R(), R()];
            case 8: return [0x1B, 0x7E]; // unknown: counted, its command byte skipped
            default: return [0x1B, (byte)'d', R()];
        }
    }

    /// <summary>Damage that no profile should read as the same sale: no total, a wrong total, or item lines it cannot match.</summary>
    private static byte[] Damage(Random random, byte[] receipt)
    {
        var text = Encoding.Latin1.GetString(receipt); // one char per byte: edits keep every other byte in place
        switch (random.Next(3))
        {
            case 0:
                var start = text.IndexOf("TOTAL", StringComparison.Ordinal);
                return Encoding.Latin1.GetBytes(text.Remove(start, text.IndexOf('\n', start) - start + 1));
            case 1:
                var line = text.IndexOf("TOTAL", StringComparison.Ordinal);
                var end = text.IndexOf('\n', line);
                var amount = decimal.Parse(text[line..end].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return Encoding.Latin1.GetBytes(string.Concat(text.AsSpan(0, line), $"TOTAL {(amount + 0.01m).ToString("0.00", CultureInfo.InvariantCulture)}", text.AsSpan(end)));
            default:
                return Encoding.Latin1.GetBytes(text.Replace(" x ", " * ", StringComparison.Ordinal));
        }
    }

    /// <summary>Random bytes, biased towards what confuses a stripper: command prefixes, line feeds, printable text.</summary>
    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[random.Next(1, 400)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = random.Next(10) switch
            {
                0 => (byte)"\u001B\u001D\u001C\u0010"[random.Next(4)],
                1 => 0x0A,
                < 6 => (byte)random.Next(0x20, 0x7F),
                _ => (byte)random.Next(256),
            };
        }

        return bytes;
    }
}
