namespace StoreSales.Edge.Devices.Serial;

/// <summary>
/// Frames for a device that sends no terminator (many scanners' factory setting): a frame is whatever arrived
/// before the line went quiet. The reader decides when it is quiet (<see cref="SerialPortSettings.QuietGap"/>) and
/// calls <see cref="Quiet"/>; this class only collects bytes, so it is tested without a clock.
/// </summary>
public sealed class QuietGapFramer(int maxPayload)
{
    private readonly List<byte> _buffer = [];
    private bool _discarding;

    /// <summary>Collects bytes; reports <see cref="Frame.TooLong"/> once when a frame outgrows <c>maxPayload</c>.</summary>
    public void Feed(ReadOnlySpan<byte> data, ICollection<Frame> frames)
    {
        if (_discarding)
        {
            return;
        }

        _buffer.AddRange(data);
        if (_buffer.Count > maxPayload)
        {
            // The rest of this burst is dropped up to the next quiet gap, as a terminated frame is dropped up to its terminator.
            frames.Add(Frame.TooLong);
            _buffer.Clear();
            _discarding = true;
        }
    }

    /// <summary>The line went quiet: what was collected is one frame.</summary>
    public void Quiet(ICollection<Frame> frames)
    {
        if (!_discarding && _buffer.Count > 0)
        {
            frames.Add(new Frame([.. _buffer], Overlong: false));
        }

        Reset();
    }

    /// <summary>Forgets a partial frame (the port closed). True when bytes were dropped.</summary>
    public bool Reset()
    {
        var dropped = _buffer.Count > 0 || _discarding;
        _buffer.Clear();
        _discarding = false;
        return dropped;
    }
}
