using System.Buffers.Binary;
using System.Text;
using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// Packs a chunk's checked lines for <c>history_import_chunk.data</c> and unpacks them for the runner: the rows were parsed
/// and checked once, at upload, and the runner writes them without reading the CSV again. The layout is
/// <see cref="BinaryWriter"/>'s (length-prefixed UTF-8 strings, little-endian integers), so chunks stored by an earlier
/// version read the same.
/// </summary>
internal static class HistoryChunkCodec
{
    public static void Write(BinaryWriter writer, HistoryLine line)
    {
        writer.Write(line.StoreId);
        writer.Write(line.TerminalId);
        writer.Write(line.Sequence);
        writer.Write(line.LocalHour.Ticks);
        writer.Write(line.ItemCode);
        writer.Write(line.MilliUnits);
        writer.Write(line.Cents);
    }

    /// <summary>
    /// The chunk's lines. A chunk names a few stores, tills and items over and over: each code is one string, made the first
    /// time it is met (50,000 lines were 150,000 short-lived strings), and the plan's lookups compare them by reference first.
    /// </summary>
    public static List<HistoryLine> Read(byte[] data, int rows)
    {
        var lines = new List<HistoryLine>(rows);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        var at = 0;
        for (var i = 0; i < rows; i++)
        {
            var store = Code(data, ref at, known);
            var terminal = Code(data, ref at, known);
            var sequence = Int64(data, ref at);
            var localHour = new DateTime(Int64(data, ref at), DateTimeKind.Unspecified);
            var item = Code(data, ref at, known);
            lines.Add(new HistoryLine(store, terminal, sequence, localHour, item, Int64(data, ref at), Int64(data, ref at)));
        }

        return lines;
    }

    private static long Int64(byte[] data, ref int at)
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(at, sizeof(long)));
        at += sizeof(long);
        return value;
    }

    private static string Code(byte[] data, ref int at, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> known)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var part = data[at++];
            length |= (part & 0x7F) << shift;
            if (part < 0x80)
            {
                break;
            }
        }

        var bytes = data.AsSpan(at, length);
        at += length;
        // A code is at most 64 characters (HistoryRowRule): its UTF-16 form fits on the stack.
        Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
        chars = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        if (!known.TryGetValue(chars, out var code))
        {
            code = new string(chars);
            known[code] = code;
        }

        return code;
    }
}
