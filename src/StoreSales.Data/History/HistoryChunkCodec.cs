using StoreSales.Domain.Sales.History;

namespace StoreSales.Data.History;

/// <summary>
/// Packs a chunk's checked lines for <c>history_import_chunk.data</c> and unpacks them for the runner: the rows were parsed
/// and checked once, at upload, and the runner writes them without reading the CSV again.
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

    public static List<HistoryLine> Read(byte[] data, int rows)
    {
        var lines = new List<HistoryLine>(rows);
        using var reader = new BinaryReader(new MemoryStream(data, writable: false));
        for (var i = 0; i < rows; i++)
        {
            lines.Add(new HistoryLine(
                reader.ReadString(), reader.ReadString(), reader.ReadInt64(), new DateTime(reader.ReadInt64(), DateTimeKind.Unspecified),
                reader.ReadString(), reader.ReadInt64(), reader.ReadInt64()));
        }

        return lines;
    }
}
