using System.Globalization;

namespace StoreSales.Testing;

/// <summary>
/// Writes a history CSV file (docs/domain.md "History import") of generated sales: 1–4 lines a sale, the stores' tills
/// ringing up in turn, every time in UTC before <c>end</c>. Returns what a correct import must give per store: the sales and
/// their amount in cents.
/// </summary>
public static class HistoryCsv
{
    public const string Header = "store,terminal,time,item,quantity,amount";

    public static IReadOnlyDictionary<string, (long Sales, long Cents)> Write(
        TextWriter writer, IReadOnlyList<string> stores, int rows, DateTimeOffset end, int seed = 42, int terminals = 4)
    {
        var random = new Random(seed);
        writer.WriteLine(Header);
        var tills = stores.SelectMany(s => Enumerable.Range(1, terminals).Select(t => (Store: s, Terminal: $"T{t:00}"))).ToArray();
        // Each till starts far enough back that its sales (an average of 480 s apart) end before `end`.
        var salesPerTill = (rows / 2.5 / tills.Length) + 1;
        var clock = tills.Select(_ => end.AddSeconds(-salesPerTill * 900)).ToArray();
        var totals = stores.ToDictionary(s => s, _ => (Sales: 0L, Cents: 0L), StringComparer.Ordinal);
        var written = 0;
        while (written < rows)
        {
            var till = random.Next(tills.Length);
            clock[till] = clock[till].AddSeconds(random.Next(60, 900));
            var time = clock[till].UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var lines = Math.Min(random.Next(1, 5), rows - written);
            var (store, terminal) = tills[till];
            var (sales, cents) = totals[store];
            sales++;
            for (var line = 0; line < lines; line++)
            {
                var quantity = random.Next(1, 4);
                var amount = quantity * random.Next(100, 9_999);
                cents += amount;
                writer.Write(store);
                writer.Write(',');
                writer.Write(terminal);
                writer.Write(',');
                writer.Write(time);
                writer.Write(",69" + random.Next(100, 300).ToString("00000000000", CultureInfo.InvariantCulture) + ",");
                writer.Write(quantity.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.WriteLine((amount / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            }

            totals[store] = (sales, cents);
            written += lines;
        }

        return totals;
    }
}
