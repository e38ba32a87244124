using System.Buffers.Binary;

namespace StoreSales.CommandCenter.Attribution;

/// <summary>
/// PDFsharp 6.2 reads single TrueType fonts only ("TrueType collection fonts are not yet supported"), while Debian ships
/// its CJK fonts as collections (.ttc). This lifts one font out of a collection into a stand-alone font file: its table
/// directory with the offsets moved to the new file, and each table copied unchanged.
/// </summary>
public static class TrueTypeCollection
{
    private const int HeaderSize = 12;
    private const int TableRecordSize = 16;

    /// <summary>The font at <paramref name="index"/> of a collection as a single font; a single font is returned as it is.</summary>
    public static byte[] FontAt(byte[] file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < HeaderSize || !file.AsSpan(0, 4).SequenceEqual("ttcf"u8))
        {
            return file;
        }

        var fonts = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(8));
        if (index < 0 || index >= fonts)
        {
            throw new InvalidDataException($"The font collection holds {fonts} fonts; font {index} was asked for.");
        }

        var directory = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(HeaderSize + (4 * index)));
        int tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(directory + 4));
        var records = Enumerable.Range(0, tables).Select(i => directory + HeaderSize + (i * TableRecordSize)).ToArray();
        var size = HeaderSize + (tables * TableRecordSize) + records.Sum(r => Padded(Length(file, r)));
        var font = new byte[size];

        // The offset subtable (sfnt version, table count, search fields) and the table records are copied whole; only
        // each record's offset changes.
        file.AsSpan(directory, HeaderSize + (tables * TableRecordSize)).CopyTo(font);
        var at = HeaderSize + (tables * TableRecordSize);
        for (var i = 0; i < tables; i++)
        {
            var length = Length(file, records[i]);
            var from = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(records[i] + 8));
            file.AsSpan(from, length).CopyTo(font.AsSpan(at));
            BinaryPrimitives.WriteInt32BigEndian(font.AsSpan(HeaderSize + (i * TableRecordSize) + 8), at);
            at += Padded(length);
        }

        return font;
    }

    private static int Length(byte[] file, int record) => BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(record + 12));

    private static int Padded(int length) => (length + 3) & ~3;
}
