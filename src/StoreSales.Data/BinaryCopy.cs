using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace StoreSales.Data;

/// <summary>
/// One binary COPY into PostgreSQL whose rows are encoded here, in PostgreSQL's binary COPY format, into a buffer that goes
/// to Npgsql's raw COPY stream a quarter of a megabyte at a time. Why not <see cref="NpgsqlBinaryImporter"/>: it resolves
/// the type, binds a converter and awaits once for every value, and turns each <see cref="decimal"/> into a numeric; for a
/// history import that was most of the client's CPU (a 2,000,000-row import writes 21 million values, docs/benchmarks.md
/// "History import"), and the ledger's group writer pays the same per live sale (<c>LedgerCopyRows</c>). The values are
/// whole numbers (thousandths, cents, microseconds), decimals, short codes, times, JSON and hashes, whose binary forms are a
/// few lines each. Dispose without <see cref="CompleteAsync"/> abandons the COPY: PostgreSQL keeps nothing of it.
/// </summary>
public sealed class BinaryCopy : IAsyncDisposable
{
    private const int SendAt = 256 * 1024;

    // PostgreSQL's epoch for timestamps: 2000-01-01, in microseconds.
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    // "PGCOPY\n\377\r\n\0": byte 0xFF itself, which a UTF-8 literal cannot hold.
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private static readonly ulong[] PowersOfTen = [1, 10, 100, 1000, 10_000];

    private readonly NpgsqlRawCopyStream _stream;

    // Rented, not allocated: at over 85,000 bytes a new buffer is a large object, and the ledger's group writer begins
    // three COPYs a group (sales, lines, rollup), dozens of groups a second; each fresh buffer counted towards the next
    // full (gen 2) collection of the silo (docs/benchmarks.md, "2026-12-07 19:36–21:39Z").
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(SendAt + 4096);
    private int _length;
    private bool _completed;

    private BinaryCopy(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        // The file header: signature, no flags, no header extension.
        Bytes(Signature);
        Int32Value(0);
        Int32Value(0);
    }

    /// <summary>Starts <paramref name="copyCommand"/> (<c>COPY … FROM STDIN (FORMAT BINARY)</c>) on the connection.</summary>
    public static async Task<BinaryCopy> Begin(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken));

    /// <summary>A row of <paramref name="fields"/> values; each value follows with one of the methods below, in column order.</summary>
    public void Row(short fields)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), fields);
        _length += 2;
    }

    /// <summary>A <c>text</c> value, UTF-8.</summary>
    public void Text(string value)
    {
        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        Int32Value(written);
        _length += written;
    }

    /// <summary>A <c>bigint</c> value.</summary>
    public void BigInt(long value)
    {
        Reserve(12);
        Int32Value(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>An <c>integer</c> value.</summary>
    public void Int4(int value)
    {
        Reserve(8);
        Int32Value(4);
        Int32Value(value);
    }

    /// <summary>
    /// A <c>timestamp</c> value, or a <c>timestamptz</c> when <paramref name="value"/> is UTC (both travel as microseconds
    /// since 2000-01-01; the kind is not looked at).
    /// </summary>
    public void Timestamp(DateTime value)
    {
        BigInt((value.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>A <c>date</c> value (days since 2000-01-01).</summary>
    public void Date(DateOnly value) => Int4(value.DayNumber - PostgresEpochDay);

    /// <summary>
    /// A <c>numeric</c> value of <paramref name="units"/> ÷ 10^<paramref name="scale"/> (cents: scale 2, thousandths: 3), shown
    /// with <paramref name="scale"/> decimals, as PostgreSQL stores it: base-10,000 digits with the decimal point between two
    /// of them, so that a scale of at most 4 is one fractional digit.
    /// </summary>
    public void Numeric(long units, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 4);
        var magnitude = units < 0 ? (ulong)-(units + 1) + 1 : (ulong)units;
        var whole = magnitude / PowersOfTen[scale];
        var fraction = (short)(magnitude % PowersOfTen[scale] * PowersOfTen[4 - scale]);

        // A ulong has at most 20 decimal digits: five base-10,000 digits before the point, one after.
        Span<short> digits = stackalloc short[6];
        var wholeDigits = 0;
        for (var rest = whole; rest > 0; rest /= 10_000)
        {
            wholeDigits++;
        }

        var remaining = whole;
        for (var i = wholeDigits - 1; i >= 0; i--)
        {
            digits[i] = (short)(remaining % 10_000);
            remaining /= 10_000;
        }

        var count = wholeDigits;
        digits[count++] = fraction;
        // Trailing zero digits are left out, as PostgreSQL does (zero itself has no digits).
        while (count > 0 && digits[count - 1] == 0)
        {
            count--;
        }

        var weight = (short)(count == 0 ? 0 : wholeDigits - 1);
        Reserve(4 + 8 + (2 * count));
        Int32Value(8 + (2 * count));
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt16BigEndian(span, (short)count);
        BinaryPrimitives.WriteInt16BigEndian(span[2..], weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], units < 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)scale);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(8 + (2 * i))..], digits[i]);
        }

        _length += 8 + (2 * count);
    }

    /// <summary>
    /// A <c>numeric</c> value exactly as the decimal holds it (its own scale; the column's type then rounds it as it would any
    /// numeric sent to it): base-10,000 digits aligned on the decimal point.
    /// </summary>
    public void Numeric(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];

        // Scaled up to a whole number of fractional base-10,000 digits: 10^28 × 10^3 still fits 128 bits.
        var fractionDigits = (scale + 3) / 4;
        for (var pad = (fractionDigits * 4) - scale; pad > 0; pad--)
        {
            mantissa *= 10;
        }

        // Least significant first: at most 8 whole and fractional digits each way for a decimal's 29 significant figures.
        Span<short> reversed = stackalloc short[16];
        var count = 0;
        for (var rest = mantissa; rest > 0; rest /= 10_000)
        {
            reversed[count++] = (short)(ulong)(rest % 10_000);
        }

        // Trailing (least significant) zero digits are left out, and leading ones never arise; zero has no digits.
        var skip = 0;
        while (skip < count && reversed[skip] == 0)
        {
            skip++;
        }

        var digits = count - skip;
        var weight = (short)(count == 0 ? 0 : count - fractionDigits - 1);
        Reserve(4 + 8 + (2 * digits));
        Int32Value(8 + (2 * digits));
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt16BigEndian(span, (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(span[2..], digits == 0 ? (short)0 : weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], negative && digits > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)scale);
        for (var i = 0; i < digits; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(8 + (2 * i))..], reversed[count - 1 - i]);
        }

        _length += 8 + (2 * digits);
    }

    /// <summary>A <c>NULL</c>.</summary>
    public void Null()
    {
        Reserve(4);
        Int32Value(-1);
    }

    /// <summary>A <c>bytea</c> value.</summary>
    public void Bytea(ReadOnlySpan<byte> value)
    {
        Reserve(4 + value.Length);
        Int32Value(value.Length);
        Bytes(value);
    }

    /// <summary>A <c>jsonb</c> value from its JSON text (PostgreSQL parses it; format version 1, the only one).</summary>
    public void Jsonb(string json)
    {
        Reserve(5 + Encoding.UTF8.GetMaxByteCount(json.Length));
        var written = Encoding.UTF8.GetBytes(json, _buffer.AsSpan(_length + 5));
        Int32Value(written + 1);
        _buffer[_length++] = 1;
        _length += written;
    }

    /// <summary>Sends what is buffered once there is enough of it; call after each row.</summary>
    public ValueTask RowDone(CancellationToken cancellationToken) =>
        _length >= SendAt ? Send(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Ends the COPY: PostgreSQL has taken every row, or throws why not (a key it holds, a value out of range).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        await Send(cancellationToken);
        _completed = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_completed)
            {
                _completed = true;
                try
                {
                    await _stream.CancelAsync();
                }
                catch (ObjectDisposedException)
                {
                    // A write cancelled by its token has made Npgsql end the COPY itself (nothing of it is kept); the
                    // caller's OperationCanceledException, not this, is what it must see.
                }

                await _stream.DisposeAsync();
            }
        }
        finally
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
        }
    }

    private async ValueTask Send(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Int32Value(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
