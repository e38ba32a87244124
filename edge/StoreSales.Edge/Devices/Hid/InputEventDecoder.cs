namespace StoreSales.Edge.Devices.Hid;

/// <summary>
/// Turns the bytes read from an evdev device (or a FIFO or file standing in for one) into
/// <see cref="InputEvent"/>s. Reads may end inside a record: the rest is kept for the next chunk. A device
/// only ever returns whole records; anything else (a test feed, a file with junk) is resynchronised by
/// skipping one byte at a time until 24 bytes look like a record again, and the skipped bytes are counted.
/// Not thread-safe: one reader feeds it.
/// </summary>
public sealed class InputEventDecoder
{
    private const int Capacity = InputEvent.Size * 64;

    private readonly byte[] _buffer = new byte[Capacity];
    private int _count;
    private long _garbageBytes;

    /// <summary>Bytes skipped because they were not part of a plausible record (including partial records at a close).</summary>
    public long GarbageBytes => Interlocked.Read(ref _garbageBytes);

    /// <summary>Bytes held back waiting for the rest of their record.</summary>
    public int Pending => _count;

    /// <summary>Decodes <paramref name="data"/>, handing each complete record to <paramref name="onEvent"/> in order.</summary>
    public void Feed(ReadOnlySpan<byte> data, Action<InputEvent> onEvent)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, _buffer.Length - _count);
            data[..take].CopyTo(_buffer.AsSpan(_count));
            _count += take;
            data = data[take..];
            Drain(onEvent);
        }
    }

    /// <summary>Forgets a partial record (the device closed); its bytes count as garbage.</summary>
    public void Reset()
    {
        if (_count > 0)
        {
            Interlocked.Add(ref _garbageBytes, _count);
        }

        _count = 0;
    }

    private void Drain(Action<InputEvent> onEvent)
    {
        var offset = 0;
        var skipped = 0;
        while (_count - offset >= InputEvent.Size)
        {
            var record = _buffer.AsSpan(offset, InputEvent.Size);
            if (InputEvent.IsPlausible(record))
            {
                onEvent(InputEvent.Read(record));
                offset += InputEvent.Size;
            }
            else
            {
                skipped++;
                offset++;
            }
        }

        if (skipped > 0)
        {
            Interlocked.Add(ref _garbageBytes, skipped);
        }

        _count -= offset;
        if (_count > 0 && offset > 0)
        {
            _buffer.AsSpan(offset, _count).CopyTo(_buffer);
        }
    }
}
