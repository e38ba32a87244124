using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using StoreSales.Contracts.Ingest;

namespace StoreSales.Data.Ledger;

/// <summary>
/// What a sale says, as 16 bytes stored with it (<c>sale.content_hash</c>): a batch that sends a (terminal, sequence) the
/// ledger holds is a harmless retry when the hashes match, and a conflict (another sale under a used sequence) when they
/// differ. Worked out by the silo from the sale as received, so it holds for every agent version; SHA-256 cut to 128 bits
/// (a collision by chance is out of reach, and the agent is not an adversary that could pick one: it holds the store key).
/// </summary>
/// <remarks>
/// Every field but the key, in a fixed order and form: strings length-prefixed UTF-8 (null apart from empty), decimals by
/// value (1.5 and 1.50 are the same amount: the ledger's numeric columns keep no scale the agent chose), instants as UTC
/// ticks. Lines and tenders in the order sent: the agent sends a sale exactly as its outbox stored it.
/// </remarks>
public static class SaleContentHash
{
    public const int Length = 16;

    // One buffer per thread, reused: every sale of every batch is hashed, and a new buffer each was a GC cost at full load.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    public static byte[] Of(SaleRecord sale)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        Text(buffer, sale.Kind);
        Text(buffer, sale.ReceiptNumber);
        Long(buffer, sale.RungUpAt.UtcTicks);
        Long(buffer, sale.CapturedAt.UtcTicks);
        Text(buffer, sale.CashierId);
        Text(buffer, sale.MemberId);
        Text(buffer, sale.RepId);
        Number(buffer, sale.Total);
        Long(buffer, sale.OriginalSequence ?? long.MinValue);
        Long(buffer, sale.Lines.Count);
        foreach (var line in sale.Lines)
        {
            Long(buffer, line.LineNumber);
            Text(buffer, line.ItemCode);
            Number(buffer, line.Quantity);
            Number(buffer, line.UnitPrice);
            Number(buffer, line.Discount);
            Number(buffer, line.Amount);
        }

        Long(buffer, sale.Tenders.Count);
        foreach (var tender in sale.Tenders)
        {
            Text(buffer, tender.Method);
            Number(buffer, tender.Amount);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return hash[..Length].ToArray();
    }

    private static void Long(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void Text(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            Long(buffer, -1);
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        Long(buffer, bytes);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(bytes));
        buffer.Advance(bytes);
    }

    // decimal's bits with its trailing zeros removed: equal amounts, equal bytes, whatever scale the JSON had.
    private static void Number(ArrayBufferWriter<byte> buffer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(Normalized(value), bits);
        foreach (var part in bits)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), part);
            buffer.Advance(4);
        }
    }

    /// <summary>
    /// <paramref name="value"/> with its trailing zeros removed, bit for bit what dividing it by 1.0000000000000000000000000000m
    /// gives (the form every recorded hash was made from). A sale's amounts fit 64 bits, where dropping zeros is integer
    /// arithmetic; the decimal division this replaced was a twentieth of the silo's CPU at full load (perf, docs/benchmarks.md).
    /// Zero (whose sign the division decides) and 96-bit values still go the division's way.
    /// </summary>
    public static decimal Normalized(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        if (bits[2] != 0 || mantissa == 0)
        {
            return value / 1.0000000000000000000000000000m;
        }

        var scale = (byte)(bits[3] >> 16);
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, bits[3] < 0, scale);
    }
}
