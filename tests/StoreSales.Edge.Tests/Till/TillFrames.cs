using System.Globalization;
using System.Text;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Devices.Till;

namespace StoreSales.Edge.Tests.Till;

/// <summary>
/// A random till stream for fuzzing: good sales whose lines are pipe or JSON at random, with bad frames between
/// and inside them, and what the agent must make of it. Every bad frame is bad by construction (not by chance),
/// so each one must move <see cref="TillCounters.Malformed"/> by exactly one.
/// </summary>
internal sealed class TillFrames
{
    private static readonly string[] Methods = ["cash", "card", "wechat", "alipay", "voucher"];
    private static readonly string[] Kinds = [SaleKinds.Sale, SaleKinds.Return, SaleKinds.Void];

    private readonly Random _random;
    private readonly MemoryStream _bytes = new();

    public TillFrames(int seed) => _random = new Random(seed);

    public List<SaleRecord> Sales { get; } = [];

    /// <summary>Frames written (non-blank lines), good and bad.</summary>
    public int Frames { get; private set; }

    public int Bad { get; private set; }

    public int Overlong { get; private set; }

    public int NoOpenSale { get; private set; }

    public byte[] Bytes => _bytes.ToArray();

    /// <summary>Adds sales and bad frames until at least <paramref name="frames"/> frames are written.</summary>
    public TillFrames Fill(int frames)
    {
        while (Frames < frames)
        {
            if (_random.NextDouble() < 0.45)
            {
                AddSale();
            }
            else
            {
                AddBad(insideSale: false);
            }
        }

        return this;
    }

    private void AddSale()
    {
        var kind = Kinds[_random.Next(Kinds.Length)];
        var sign = kind == SaleKinds.Return ? -1 : 1;
        var receipt = $"R-{Sales.Count + 1}";
        var rungUpAt = new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(8)).AddSeconds(Sales.Count);
        var lines = new List<SaleLineRecord>();
        for (var n = kind == SaleKinds.Void ? 0 : _random.Next(1, 5); n > 0; n--)
        {
            var quantity = sign * _random.Next(1, 6);
            var price = _random.Next(1, 100_000) / 100m;
            var discount = _random.Next(3) == 0 ? _random.Next(0, 100) / 100m : 0m;
            lines.Add(new SaleLineRecord
            {
                LineNumber = lines.Count + 1,
                ItemCode = _random.Next(2) == 0 ? $"69{_random.NextInt64(10_000_000_000, 99_999_999_999)}" : $"SKU-{_random.Next(1000)}",
                Quantity = quantity,
                UnitPrice = price,
                Discount = discount,
                Amount = (quantity * price) - discount,
            });
        }

        var total = lines.Sum(l => l.Amount);
        TenderRecord[] tenders = kind == SaleKinds.Void ? [] : [new TenderRecord { Method = Methods[_random.Next(Methods.Length)], Amount = total }];
        Sales.Add(new SaleRecord
        {
            TerminalId = "T01",
            Kind = kind,
            ReceiptNumber = receipt,
            RungUpAt = rungUpAt,
            CashierId = "C07",
            Total = total,
            Lines = lines,
            Tenders = tenders,
        });

        // A bad frame inside a sale is skipped and the sale goes on, so it may fall after any line but the last.
        var badAfter = _random.Next(4) == 0 ? _random.Next(lines.Count + 1) : -1;
        Good(_random.Next(2) == 0 ? $"S|{kind}|{receipt}|{Time(rungUpAt)}|C07||" : Json.Start(kind, receipt, Time(rungUpAt)));
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == badAfter)
            {
                AddBad(insideSale: true);
            }

            Good(_random.Next(2) == 0 ? Pipe(lines[i]) : Json.Line(lines[i], asStrings: _random.Next(4) == 0));
        }

        if (badAfter == lines.Count)
        {
            AddBad(insideSale: true);
        }

        Good(_random.Next(2) == 0 ? $"T|{D(total)}|{string.Join(',', tenders.Select(t => $"{t.Method}:{D(t.Amount)}"))}" : Json.Total(total, tenders));
    }

    private void AddBad(bool insideSale)
    {
        Bad++;
        var line = new SaleLineRecord { ItemCode = "6920433218190", Quantity = 2, UnitPrice = 3.50m, Discount = 0, Amount = 7.00m };
        switch (_random.Next(insideSale ? 9 : 10))
        {
            case 0:
                // Random bytes of every value but LF, with at least one that is never valid UTF-8.
                var bytes = new byte[_random.Next(1, 200)];
                _random.NextBytes(bytes);
                bytes[_random.Next(bytes.Length)] = 0xFF;
                Write([.. bytes.Select(b => b == (byte)'\n' ? (byte)0xC0 : b)]);
                break;
            case 1:
                // A good JSON line cut short: the object is never closed.
                var json = _random.Next(2) == 0 ? Json.Line(line, asStrings: false) : Json.Total(7.00m, [new TenderRecord { Method = "cash", Amount = 7.00m }]);
                Write(json[.._random.Next(1, json.Length)]);
                break;
            case 2:
                // Nesting past the bound, closed or not, in a property the agent would otherwise ignore.
                var depth = _random.Next(TillJsonLineParser.MaxDepth, 2000); // short of the line bound: this is about depth, not length
                Write($$"""{"type":"line","extra":{{new string('[', depth)}}{{(_random.Next(2) == 0 ? new string(']', depth) + "}" : "")}}""");
                break;
            case 3:
                // Numbers no decimal holds, or JSON has no word for.
                string[] huge = ["1" + new string('9', _random.Next(29, 400)), "1e400", "-1E-999", "79228162514264337593543950336", "NaN", "Infinity", "0x10", "--1", "1.2.3"];
                Write(Json.Line(line, asStrings: false).Replace("\"amount\":7.00", $"\"amount\":{huge[_random.Next(huge.Length)]}", StringComparison.Ordinal));
                break;
            case 4:
                // Wrong kinds and missing or unknown parts.
                string[] wrong =
                [
                    """{"type":"line","itemCode":"A","quantity":{"n":1},"unitPrice":2,"discount":0,"amount":2}""",
                    """{"type":"line","itemCode":["A"],"quantity":1,"unitPrice":2,"discount":0,"amount":2}""",
                    """{"type":"total","total":7,"tenders":{"cash":7}}""",
                    """{"type":"total","total":7}""",
                    """{"type":"start","kind":"sale"}""",
                    """{"type":"refund","total":7}""",
                    """{"type":true}""",
                    """{}""",
                    """{"type":"total","total":7,"total":8,"tenders":[]}""",
                    """{"type":"start","kind":"sale","time":"2025-06-01T10:00:00","receiptNo":"X"}""",
                ];
                Write(wrong[_random.Next(wrong.Length)]);
                break;
            case 5:
                // Text that is UTF-8 except for one broken sequence, in a JSON string.
                Write([.. "{\"type\":\"line\",\"itemCode\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
                break;
            case 6:
                // Printable noise that is no tag and no object.
                var noise = new StringBuilder().Append("XYZ#[\"1"[_random.Next(7)]);
                for (var n = _random.Next(0, 120); n > 0; n--)
                {
                    noise.Append((char)_random.Next(0x20, 0x7F));
                }

                Write(noise.ToString());
                break;
            case 7:
                // A pipe line with one bad field.
                string[] pipes = ["S|sale|R1|yesterday|C1||", "S|refund|R1|2025-06-01T10:00:00Z|C1||", "L|A|two|3.50|0|7.00", "L|A|2|3.50|0|1e3", "T|7.00|cash7.00", "S|sale|R1"];
                Write(pipes[_random.Next(pipes.Length)]);
                break;
            case 8:
                Overlong++;
                Write(new string(_random.Next(2) == 0 ? 'Z' : '{', _random.Next(TillAdapter.MaxLineBytes + 1, 6000)));
                break;
            default:
                // Good lines with no sale open (only outside a sale: inside one they would belong to it).
                NoOpenSale++;
                Write(_random.Next(2) == 0 ? Pipe(line) : Json.Total(0m, []));
                break;
        }
    }

    private void Good(string text) => Write(text);

    private void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    private void Write(byte[] frame)
    {
        Frames++;
        _bytes.Write(frame);
        _bytes.Write(_random.Next(3) == 0 ? "\r\n"u8 : "\n"u8);
        if (_random.Next(20) == 0)
        {
            _bytes.Write(" \t\n"u8); // a blank line is no frame
        }
    }

    private static string Pipe(SaleLineRecord l) => $"L|{l.ItemCode}|{D(l.Quantity)}|{D(l.UnitPrice)}|{D(l.Discount)}|{D(l.Amount)}";

    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The JSON form, written by hand as a till's firmware would, with a field the agent does not know.</summary>
    private static class Json
    {
        public static string Start(string kind, string receipt, string time) =>
            $$"""{"type":"start","kind":"{{kind}}","receiptNo":"{{receipt}}","time":"{{time}}","cashierId":"C07","memberId":null,"till":{"fw":"2.1"} }""";

        public static string Line(SaleLineRecord l, bool asStrings)
        {
            var q = asStrings ? "\"" : "";
            return $$"""{"type":"line","itemCode":"{{l.ItemCode}}","quantity":{{q}}{{D(l.Quantity)}}{{q}},"unitPrice":{{q}}{{D(l.UnitPrice)}}{{q}},"discount":{{q}}{{D(l.Discount)}}{{q}},"amount":{{q}}{{D(l.Amount)}}{{q}} }""";
        }

        public static string Total(decimal total, IEnumerable<TenderRecord> tenders) =>
            $$"""{"type":"total","total":{{D(total)}},"tenders":[{{string.Join(',', tenders.Select(t => $$"""{"method":"{{t.Method}}","amount":{{D(t.Amount)}} }"""))}}]}""";
    }
}
