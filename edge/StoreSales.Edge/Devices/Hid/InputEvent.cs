using System.Buffers.Binary;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>
/// One Linux <c>struct input_event</c> in its 64-bit layout (24 bytes, little-endian):
/// <c>struct timeval { int64 tv_sec; int64 tv_usec; }</c>, <c>uint16 type</c>, <c>uint16 code</c>, <c>int32 value</c>.
/// </summary>
public readonly record struct InputEvent(long Seconds, long Microseconds, ushort Type, ushort Code, int Value)
{
    /// <summary>Bytes per record on a 64-bit kernel.</summary>
    public const int Size = 24;

    /// <summary>Largest <c>tv_sec</c> taken for a real record (year 2242): more means the bytes are not a record.</summary>
    public const long MaxSeconds = 1L << 33;

    /// <summary>The kernel's timestamp of the event, in microseconds.</summary>
    public long TimestampMicroseconds => (Seconds * 1_000_000) + Microseconds;

    public static InputEvent Read(ReadOnlySpan<byte> record) => new(
        BinaryPrimitives.ReadInt64LittleEndian(record),
        BinaryPrimitives.ReadInt64LittleEndian(record[8..]),
        BinaryPrimitives.ReadUInt16LittleEndian(record[16..]),
        BinaryPrimitives.ReadUInt16LittleEndian(record[18..]),
        BinaryPrimitives.ReadInt32LittleEndian(record[20..]));

    /// <summary>
    /// True when 24 bytes can be a record the kernel wrote: a timestamp with 0 ≤ sec &lt; 2^33 and
    /// 0 ≤ usec &lt; 10^6, and a type no higher than <c>EV_MAX</c>. The kernel never writes anything else.
    /// </summary>
    public static bool IsPlausible(ReadOnlySpan<byte> record)
    {
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(record);
        var micros = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
        return seconds is >= 0 and < MaxSeconds && micros is >= 0 and < 1_000_000 && type <= EventTypes.Max;
    }

    public void WriteTo(Span<byte> record)
    {
        BinaryPrimitives.WriteInt64LittleEndian(record, Seconds);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], Microseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(record[16..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(record[18..], Code);
        BinaryPrimitives.WriteInt32LittleEndian(record[20..], Value);
    }
}

/// <summary>Event types of <c>linux/input-event-codes.h</c> that a keyboard sends.</summary>
public static class EventTypes
{
    public const ushort Syn = 0x00;
    public const ushort Key = 0x01;
    public const ushort Rel = 0x02;
    public const ushort Abs = 0x03;
    public const ushort Msc = 0x04;
    public const ushort Led = 0x11;
    public const ushort Rep = 0x14;
    public const ushort Max = 0x1f;

    /// <summary><c>EV_SYN</c> codes.</summary>
    public const ushort SynReport = 0;
    public const ushort SynDropped = 3;

    /// <summary><c>EV_MSC</c> code of the HID usage a keyboard reports before each key.</summary>
    public const ushort MscScan = 4;

    /// <summary><c>EV_KEY</c> values.</summary>
    public const int KeyRelease = 0;
    public const int KeyPress = 1;
    public const int KeyRepeat = 2;
}
