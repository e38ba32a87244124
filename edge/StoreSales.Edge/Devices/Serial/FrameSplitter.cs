namespace StoreSales.Edge.Devices.Serial;

/// <summary>One frame cut from a byte stream: its payload (terminator removed), or the fact that it was too long.</summary>
public readonly record struct Frame(byte[] Payload, bool Overlong)
{
    public static Frame TooLong { get; } = new([], Overlong: true);
}

/// <summary>
/// Cuts a byte stream into frames ended by a terminator (LF, CR, CRLF, ETX …). Serial reads deliver
/// arbitrary chunks, so a frame and even a two-byte terminator may arrive split across reads.
/// A frame whose payload grows past <c>maxPayload</c> without a terminator is reported once as
/// <see cref="Frame.Overlong"/>; its bytes are dropped up to and including the next terminator.
/// </summary>
public sealed class FrameSplitter
{
    private readonly byte[] _terminator;
    private readonly int _maxPayload;
    private readonly bool _trimTrailingCr;
    private readonly List<byte> _buffer = [];
    private bool _discarding;
    private int _discardMatch;

    /// <param name="terminator">Bytes that end a frame.</param>
    /// <param name="maxPayload">Longest payload accepted, in bytes.</param>
    /// <param name="trimTrailingCr">Drop one CR before the terminator (a CRLF line read with an LF terminator).</param>
    public FrameSplitter(ReadOnlySpan<byte> terminator, int maxPayload, bool trimTrailingCr = false)
    {
        if (terminator.IsEmpty)
        {
            throw new ArgumentException("A frame terminator needs at least one byte.", nameof(terminator));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayload, 1);
        _terminator = terminator.ToArray();
        _maxPayload = maxPayload;
        _trimTrailingCr = trimTrailingCr;
    }

    /// <summary>Bytes held for a frame not yet ended.</summary>
    public int Pending => _buffer.Count;

    /// <summary>Feeds bytes; appends every frame they complete to <paramref name="frames"/>.</summary>
    public void Feed(ReadOnlySpan<byte> data, ICollection<Frame> frames)
    {
        foreach (var b in data)
        {
            if (_discarding)
            {
                _discardMatch = b == _terminator[_discardMatch] ? _discardMatch + 1 : (b == _terminator[0] ? 1 : 0);
                if (_discardMatch == _terminator.Length)
                {
                    _discarding = false;
                    _discardMatch = 0;
                }

                continue;
            }

            _buffer.Add(b);
            if (EndsWithTerminator())
            {
                var length = _buffer.Count - _terminator.Length;
                if (_trimTrailingCr && length > 0 && _buffer[length - 1] == (byte)'\r')
                {
                    length--;
                }

                frames.Add(length > _maxPayload ? Frame.TooLong : new Frame(_buffer.GetRange(0, length).ToArray(), Overlong: false));
                _buffer.Clear();
            }
            else if (_buffer.Count > _maxPayload + _terminator.Length - 1 + (_trimTrailingCr ? 1 : 0))
            {
                // Longer than any acceptable frame could be, even if its terminator were about to arrive.
                frames.Add(Frame.TooLong);
                _buffer.Clear();
                _discarding = true;
                _discardMatch = 0;
            }
        }
    }

    /// <summary>Forgets a partial frame (the port closed mid-frame). True when bytes were dropped.</summary>
    public bool Reset()
    {
        var dropped = _buffer.Count > 0 || _discarding;
        _buffer.Clear();
        _discarding = false;
        _discardMatch = 0;
        return dropped;
    }

    private bool EndsWithTerminator()
    {
        var n = _terminator.Length;
        if (_buffer.Count < n)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            if (_buffer[_buffer.Count - n + i] != _terminator[i])
            {
                return false;
            }
        }

        return true;
    }
}
