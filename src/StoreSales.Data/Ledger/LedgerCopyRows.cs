using System.Text.Json;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// A live sale and its lines as rows of the group writer's COPY straight into <c>sale</c> and <c>sale_line</c>, encoded by
/// <see cref="BinaryCopy"/> (Npgsql's importer binds a converter and awaits once per value: at full load a third of the silo's CPU
/// went to the ledger write, half of that to encoding numerics, docs/benchmarks.md "Ledger speed"). A method per row, not the
/// loop's body, for the reason <see cref="History.HistoryCopyRows"/> gives. The columns are those of the COPY statements in
/// <see cref="LedgerGroupCommit"/>, in their order; into the staging tables, the group's request number comes first.
/// </summary>
internal static class LedgerCopyRows
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>store, terminal, sequence, kind, receipt, rung up, captured, cashier, member, rep, total, original sequence, tenders, content hash.</summary>
    public static void Sale(BinaryCopy copy, string storeId, SaleRecord sale, byte[] hash, int? request = null)
    {
        Start(copy, 14, request);
        copy.Text(storeId);
        copy.Text(sale.TerminalId);
        copy.BigInt(sale.Sequence);
        copy.Text(sale.Kind);
        TextOrNull(copy, sale.ReceiptNumber);
        copy.Timestamp(sale.RungUpAt.UtcDateTime);
        copy.Timestamp(sale.CapturedAt.UtcDateTime);
        TextOrNull(copy, sale.CashierId);
        TextOrNull(copy, sale.MemberId);
        TextOrNull(copy, sale.RepId);
        copy.Numeric(sale.Total);
        if (sale.OriginalSequence is { } original)
        {
            copy.BigInt(original);
        }
        else
        {
            copy.Null();
        }

        copy.Jsonb(JsonSerializer.Serialize(sale.Tenders, JsonOptions));
        copy.Bytea(hash);
    }

    /// <summary>store, terminal, sequence, line number, item, quantity, unit price, discount, amount.</summary>
    public static void Line(BinaryCopy copy, string storeId, SaleRecord sale, SaleLineRecord line, int? request = null)
    {
        Start(copy, 9, request);
        copy.Text(storeId);
        copy.Text(sale.TerminalId);
        copy.BigInt(sale.Sequence);
        copy.Int4(line.LineNumber);
        copy.Text(line.ItemCode);
        copy.Numeric(line.Quantity);
        copy.Numeric(line.UnitPrice);
        copy.Numeric(line.Discount);
        copy.Numeric(line.Amount);
    }

    private static void Start(BinaryCopy copy, short fields, int? request)
    {
        if (request is { } number)
        {
            copy.Row((short)(fields + 1));
            copy.Int4(number);
        }
        else
        {
            copy.Row(fields);
        }
    }

    private static void TextOrNull(BinaryCopy copy, string? value)
    {
        if (value is null)
        {
            copy.Null();
        }
        else
        {
            copy.Text(value);
        }
    }
}
