using System.Globalization;
using StoreSales.Contracts.Ingest;
using StoreSales.Edge.Outbox;

namespace StoreSales.Edge.Commands;

/// <summary>
/// <c>rejected</c>: lists the sales the server refused, with its reason; <c>rejected requeue TERMINAL:SEQUENCE… | --all</c>
/// puts them back in the upload queue once the cause is fixed. A requeued sale keeps its terminal and sequence, so if
/// the server did take it after all, the retry is a duplicate it skips. Exit 0 done, 1 an id is not in the rejected
/// table (nothing requeued), 64 a malformed invocation.
/// </summary>
public static class RejectedCommand
{
    public const string Usage = "usage: rejected                      list the sales the server refused\n" +
                                "       rejected requeue ID... | --all  send them again (ID = TERMINAL:SEQUENCE, as listed)";

    public static async Task<int> Run(IReadOnlyList<string> args, SqliteOutbox outbox, TextWriter output, TextWriter error)
    {
        if (args.Count == 0)
        {
            return await List(outbox, output);
        }

        if (args[0] != "requeue" || args.Count < 2)
        {
            await error.WriteLineAsync(Usage);
            return 64;
        }

        if (args.Count == 2 && args[1] == "--all")
        {
            var moved = outbox.Rejected.RequeueAll();
            await output.WriteLineAsync($"{moved} rejected sales back in the upload queue");
            return 0;
        }

        var keys = new List<SaleKey>();
        foreach (var id in args.Skip(1))
        {
            if (!TryParseId(id, out var key))
            {
                await error.WriteLineAsync($"'{id}' is not a rejected sale's id (TERMINAL:SEQUENCE, e.g. T01:42).\n{Usage}");
                return 64;
            }

            keys.Add(key);
        }

        var missing = outbox.Rejected.Requeue(keys);
        if (missing.Count > 0)
        {
            await error.WriteLineAsync($"not in the rejected table: {string.Join(", ", missing.Select(Id))}; nothing was requeued");
            return 1;
        }

        await output.WriteLineAsync($"{keys.Count} rejected sales back in the upload queue: {string.Join(", ", keys.Select(Id))}");
        return 0;
    }

    private static async Task<int> List(SqliteOutbox outbox, TextWriter output)
    {
        var total = outbox.Rejected.Count;
        var rejected = outbox.Rejected.Read();
        foreach (var sale in rejected)
        {
            var s = sale.Sale;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{Id(sale.Key)}\treceipt {s.ReceiptNumber ?? "-"}\ttotal {s.Total:0.00}\trung up {s.RungUpAt:yyyy-MM-dd HH:mm:ss zzz}\trejected {sale.RejectedAt:yyyy-MM-dd HH:mm:ss}Z\treason: {sale.Reason}"));
        }

        await output.WriteLineAsync(total == 0
            ? "no rejected sales"
            : $"{total} rejected sales{(total > rejected.Count ? $" (the oldest {rejected.Count} shown)" : "")}; after fixing the cause: rejected requeue ID... | --all");
        return 0;
    }

    private static string Id(SaleKey key) => $"{key.TerminalId}:{key.Sequence.ToString(CultureInfo.InvariantCulture)}";

    private static bool TryParseId(string id, out SaleKey key)
    {
        var colon = id.LastIndexOf(':');
        key = null!;
        if (colon <= 0 || !long.TryParse(id.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            return false;
        }

        key = new SaleKey(id[..colon], sequence);
        return true;
    }
}
