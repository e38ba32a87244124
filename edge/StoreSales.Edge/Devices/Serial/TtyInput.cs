namespace StoreSales.Edge.Devices.Serial;

/// <summary>What <see cref="TtyInput.Wait"/> found.</summary>
internal enum TtyState
{
    /// <summary>Input is waiting to be read (or the read will report the port's error).</summary>
    Readable,

    /// <summary>The line stayed quiet for the gap asked for.</summary>
    Quiet,

    /// <summary>The device hung up or the descriptor went bad, with no input left.</summary>
    HungUp,

    /// <summary>The token was cancelled.</summary>
    Cancelled,
}

/// <summary>
/// A second, read-only, non-blocking descriptor of a tty: it waits in <c>poll</c> until the tty has input and reads it.
/// The input queue belongs to the tty, not to a descriptor, so this reads what <c>SerialPort</c> would have read, while
/// <c>SerialPort</c> keeps the port open, exclusive and configured (speed, bits, parity, handshake). Linux only (see
/// <see cref="SerialPortReader"/> for why).
/// </summary>
internal sealed class TtyInput : IDisposable
{
    /// <summary>
    /// Longest single <c>poll</c>, after which the cancellation token is looked at again: an idle port wakes twice a
    /// second, against a thousand times inside System.IO.Ports' own loop.
    /// </summary>
    private const int CancellationCheckMilliseconds = 500;

    private int _fd;

    private TtyInput(int fd) => _fd = fd;

    /// <summary>Opens <paramref name="path"/> without becoming its controlling process.</summary>
    /// <exception cref="IOException">The path is missing or cannot be opened.</exception>
    public static TtyInput Open(string path)
    {
        var fd = LibC.Open(path, LibC.ORdOnly | LibC.ONonBlock | LibC.ONoCtty | LibC.OCloExec);
        if (fd < 0)
        {
            var errno = LibC.Errno;
            throw new IOException(errno == LibC.ENoEnt ? "port not found" : LibC.Describe(errno));
        }

        return new TtyInput(fd);
    }

    /// <summary>
    /// Waits until input arrives, the device hangs up, the token is cancelled, or (with <paramref name="quietGap"/>)
    /// that long passes without input. Blocks the calling thread.
    /// </summary>
    public TtyState Wait(TimeSpan? quietGap, CancellationToken cancellationToken)
    {
        var deadline = quietGap is { } gap ? Environment.TickCount64 + (long)Math.Ceiling(gap.TotalMilliseconds) : long.MaxValue;
        var poll = new LibC.PollFd { Fd = _fd, Events = LibC.PollIn };
        while (!cancellationToken.IsCancellationRequested)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return TtyState.Quiet;
            }

            poll.Revents = 0;
            var ready = LibC.Poll(ref poll, (int)Math.Min(left, CancellationCheckMilliseconds));
            if (ready < 0)
            {
                var errno = LibC.Errno;
                if (errno == LibC.EIntr)
                {
                    continue;
                }

                throw new IOException($"poll failed: {LibC.Describe(errno)}");
            }

            if ((poll.Revents & LibC.PollIn) != 0)
            {
                return TtyState.Readable;
            }

            if ((poll.Revents & (LibC.PollHup | LibC.PollErr | LibC.PollNval)) != 0)
            {
                return TtyState.HungUp;
            }
        }

        return TtyState.Cancelled;
    }

    /// <summary>
    /// Reads what the tty holds into <paramref name="buffer"/>: the byte count, or 0 when nothing was there after all (another
    /// reader took it, or a signal interrupted the read); the caller waits again.
    /// </summary>
    /// <exception cref="IOException">The device is gone (end of input or an error other than "try again").</exception>
    public int Read(byte[] buffer)
    {
        var read = LibC.Read(_fd, buffer);
        if (read > 0)
        {
            return (int)read;
        }

        if (read == 0)
        {
            throw new IOException("The port reported end of input.");
        }

        var errno = LibC.Errno;
        return errno is LibC.EAgain or LibC.EIntr ? 0 : throw new IOException($"read failed: {LibC.Describe(errno)}");
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.Close(fd);
        }
    }
}
