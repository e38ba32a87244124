using System.Globalization;
using System.Text;
using StoreSales.Domain.Demo;
using StoreSales.Domain.Demo.SalesForce;

namespace StoreSales.Edge.Simulator;

/// <summary>One line of a simulated sale: the till line and, for items, the barcode the scanner read first.</summary>
public sealed record SimulatedStep(string TillLine, string? Barcode);

/// <summary>A simulated sale as the till sends it.</summary>
public sealed record SimulatedSale(string ReceiptNumber, decimal Total, IReadOnlyList<SimulatedStep> Steps)
{
    public int ItemCount => Steps.Count(s => s.Barcode is not null);

    /// <summary>When it was rung up (what the receipt prints).</summary>
    public DateTimeOffset RungUpAt { get; init; }

    public string CashierId { get; init; } = "";

    public string? MemberId { get; init; }

    public string? RepId { get; init; }

    /// <summary>The item lines, for the printed receipt.</summary>
    public IReadOnlyList<SimulatedLine> Lines { get; init; } = [];

    /// <summary>How it was paid: (method, amount).</summary>
    public IReadOnlyList<(string Method, decimal Amount)> Tenders { get; init; } = [];
}

/// <summary>One item line of a simulated sale: amount = quantity × unit price − discount.</summary>
public sealed record SimulatedLine(CatalogItem Item, int Quantity, decimal Discount, decimal Amount);

/// <summary>
/// Makes random but plausible sales in the till line protocol: 1-8 distinct catalog items, 1-3 of each,
/// an occasional 5% line discount, one or two tenders. Items are equally likely, or with a <see cref="DemoItemMix"/>
/// picked by the demo's popularity (and its hot items' boosts). A sale credits a rep: with <paramref name="repFor"/> (a
/// demo store's <see cref="DemoStoreProfile.RepFor"/>) one of the store's reps by their share, or nobody; without it, one
/// of R001–R010 on a fifth of the sales. Three sales in ten name a member: drawn by <paramref name="memberFor"/> (the demo's
/// member codes, <see cref="DemoMembers"/>, so some land on the demo's customers) or any of M10000000–M99999999. Deterministic for a given <see cref="Random"/> seed (apart from the time stamp).
/// </summary>
public sealed class SaleGenerator(IReadOnlyList<CatalogItem> catalog, string terminalId, Random random, DemoItemMix? mix = null, Func<double, string?>? repFor = null, Func<Random, string>? memberFor = null)
{
    private const int MaxLines = 8;
    private const double DiscountChance = 0.05;
    private const decimal DiscountRate = 0.05m;
    private static readonly string[] Methods = ["cash", "card", "wechat", "alipay"];
    private int _receipts;

    /// <summary>Mean quantity of a line (1, 2 or 3 equally likely).</summary>
    public const decimal ExpectedQuantity = 2m;

    /// <summary>What the occasional line discount leaves of a sale's amount on average.</summary>
    public static decimal ExpectedDiscountFactor => 1 - ((decimal)DiscountChance * DiscountRate);

    /// <summary>Mean number of lines of a sale from a catalog of <paramref name="catalogCount"/> items.</summary>
    public static decimal ExpectedLines(int catalogCount) =>
        (decimal)Enumerable.Range(1, MaxLines).Average(n => Math.Min(n, catalogCount));

    public SimulatedSale Next(DateTimeOffset now, DemoItemBoosts? boosts = null)
    {
        var receipt = string.Create(CultureInfo.InvariantCulture, $"{terminalId}-{now:yyyyMMddHHmmss}-{++_receipts:D4}");
        var cashier = string.Create(CultureInfo.InvariantCulture, $"C{random.Next(1, 5):D2}");
        var member = random.NextDouble() >= 0.3 ? ""
            : memberFor is not null ? memberFor(random)
            : string.Create(CultureInfo.InvariantCulture, $"M{random.Next(10_000_000, 100_000_000)}");
        var rep = repFor is not null ? repFor(random.NextDouble()) ?? ""
            : random.NextDouble() < 0.2 ? string.Create(CultureInfo.InvariantCulture, $"R{random.Next(1, 11):D3}") : "";

        var steps = new List<SimulatedStep>
        {
            new(Invariant($"S|sale|{receipt}|{now:yyyy-MM-dd'T'HH:mm:sszzz}|{cashier}|{member}|{rep}"), null),
        };

        var count = Math.Min(random.Next(1, MaxLines + 1), catalog.Count);
        var total = 0m;
        var lines = new List<SimulatedLine>();
        foreach (var item in Pick(count, boosts))
        {
            var quantity = random.Next(1, 4);
            var gross = quantity * item.UnitPrice;
            var discount = random.NextDouble() < DiscountChance ? Math.Round(gross * DiscountRate, 2, MidpointRounding.AwayFromZero) : 0m;
            var amount = gross - discount;
            total += amount;
            lines.Add(new SimulatedLine(item, quantity, discount, amount));
            steps.Add(new SimulatedStep(Invariant($"L|{item.Gtin}|{quantity}|{Money(item.UnitPrice)}|{Money(discount)}|{Money(amount)}"), item.Gtin));
        }

        var tenders = Tenders(total);
        steps.Add(new SimulatedStep(Invariant($"T|{Money(total)}|{string.Join(',', tenders.Select(t => Invariant($"{t.Method}:{Money(t.Amount)}")))}"), null));
        return new SimulatedSale(receipt, total, steps)
        {
            RungUpAt = now,
            CashierId = cashier,
            MemberId = member.Length == 0 ? null : member,
            RepId = rep.Length == 0 ? null : rep,
            Lines = lines,
            Tenders = tenders,
        };
    }

    /// <summary><paramref name="count"/> distinct items: uniformly, or by the mix (a repeat is drawn again, as a till adds to the line instead).</summary>
    private IEnumerable<CatalogItem> Pick(int count, DemoItemBoosts? boosts)
    {
        if (mix is null)
        {
            return catalog.OrderBy(_ => random.Next()).Take(count);
        }

        var picked = new List<int>(count);
        while (picked.Count < count)
        {
            var index = mix.Pick(random, boosts);
            if (!picked.Contains(index))
            {
                picked.Add(index);
            }
        }

        return picked.Select(i => catalog[i]);
    }

    private List<(string Method, decimal Amount)> Tenders(decimal total)
    {
        if (random.NextDouble() < 0.1 && total >= 2m)
        {
            var cash = Math.Floor(total / 2);
            return [("cash", cash), ("card", total - cash)];
        }

        return [(Methods[random.Next(Methods.Length)], total)];
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Bytes on the wire.</summary>
public static class Wire
{
    public static byte[] TillLine(string line) => Encoding.UTF8.GetBytes(line + "\n");

    public static byte[] ScannerFrame(string barcode, string suffix) => Encoding.ASCII.GetBytes(barcode + suffix);
}
