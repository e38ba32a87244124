using Microsoft.Extensions.Logging;
using StoreSales.Edge.Devices.Serial;

namespace StoreSales.Edge.Devices.Hid;

/// <summary>How to open one evdev device and how patiently to reopen it.</summary>
/// <param name="Path">Stable path of the device, e.g. <c>/dev/input/by-id/usb-…-event-kbd</c> (a FIFO or file in tests).</param>
/// <param name="Grab">Ask for exclusive access (<c>EVIOCGRAB</c>): other readers (the POS) then get no events.</param>
public sealed record EvdevReaderSettings(string Path, bool Grab, TimeSpan RetryDelay, TimeSpan RetryMaxDelay);

/// <summary>The outcome of the last exclusive-grab attempt.</summary>
public enum GrabState
{
    /// <summary>Not asked for (the default) or the device is not open.</summary>
    Off,

    /// <summary>The device is grabbed: only this agent sees its events.</summary>
    Grabbed,

    /// <summary>The path is not a character device (a FIFO or file): nothing to grab.</summary>
    Skipped,

    /// <summary>The ioctl failed (another program holds the grab, or not an evdev device); reading goes on shared.</summary>
    Failed,
}

/// <summary>
/// Reads Linux <c>input_event</c> records from a path: an evdev device in production, a FIFO or a file in tests
/// (this kernel has no uinput). The descriptor is non-blocking and waited on with <c>poll</c>, so cancellation
/// takes effect within <see cref="PollIntervalMilliseconds"/> whatever the device does. A path that is missing,
/// or a device that goes away (scanner unplugged, FIFO writer closed), is reopened by the same path with doubling
/// backoff through <see cref="DeviceReopener"/>, like <see cref="SerialPortReader"/>. A regular file is followed like <c>tail -f</c>.
/// </summary>
/// <remarks>The 24-byte record layout is the 64-bit one: run the agent as a 64-bit process on a 64-bit kernel.</remarks>
public sealed partial class EvdevReader(EvdevReaderSettings settings, string terminalId, string device, ILogger logger, TimeProvider time)
{
    /// <summary>Longest wait in <c>poll</c> before the cancellation token is looked at again.</summary>
    public const int PollIntervalMilliseconds = 100;

    /// <summary>A multiple of the record size: evdev refuses reads smaller than one record and returns whole records.</summary>
    private const int ReadBufferSize = InputEvent.Size * 64;

    private readonly InputEventDecoder _decoder = new();
    private long _opens;
    private long _faults;
    private long _lastDataTicks;
    private volatile bool _isOpen;
    private volatile GrabState _grab;

    public string Path => settings.Path;

    public bool IsOpen => _isOpen;

    /// <summary>Times the device was (re)opened.</summary>
    public long Opens => Interlocked.Read(ref _opens);

    /// <summary>Failed opens plus reads that ended in an error or end of stream.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Bytes that were not part of a plausible record, skipped to resynchronise.</summary>
    public long GarbageBytes => _decoder.GarbageBytes;

    public GrabState Grab => _grab;

    /// <summary>When the device last delivered input; null when it has not yet.</summary>
    public DateTimeOffset? LastDataAt => Interlocked.Read(ref _lastDataTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <param name="onEvent">Called with each record read, in order, never concurrently (on the reader's own thread).</param>
    /// <param name="onClosed">Called after an open device closed (decoding state above should be reset).</param>
    public async Task RunAsync(Action<InputEvent> onEvent, Action onClosed, CancellationToken cancellationToken)
    {
        var reopener = new DeviceReopener(
            settings.RetryDelay,
            settings.RetryMaxDelay,
            time,
            isDeviceFault: ex => ex is IOException,
            logOpenFailure: (ex, attempt, delay) =>
            {
                if (SerialPortReader.PortExists(settings.Path))
                {
                    LogOpenFailed(logger, terminalId, device, settings.Path, ex.Message, attempt, delay);
                }
                else
                {
                    LogNotFound(logger, terminalId, device, settings.Path, attempt, delay);
                }
            });
        await reopener.RunAsync(token => SessionAsync(reopener, onEvent, onClosed, token), cancellationToken);
    }

    /// <summary>Opens the device and reads it until it fails (see <see cref="DeviceReopener"/>).</summary>
    private async ValueTask SessionAsync(DeviceReopener reopener, Action<InputEvent> onEvent, Action onClosed, CancellationToken cancellationToken)
    {
        var fd = -1;
        var dataBefore = Interlocked.Read(ref _lastDataTicks);
        try
        {
            fd = OpenDevice();
            var kind = LibC.KindOf(fd);
            if (kind == InputFileKind.Other)
            {
                throw new IOException("not an input device (a directory, socket or block device)");
            }

            Interlocked.Increment(ref _opens);
            LogOpened(logger, terminalId, device, settings.Path, kind, reopener.FailuresInARow);
            reopener.Opened();
            TryGrab(fd, kind);
            _isOpen = true;

            // One blocking-with-timeout loop on a thread of its own: an idle scanner must not hold a pool thread.
            await Task.Factory.StartNew(
                () => ReadLoop(fd, kind, onEvent, cancellationToken),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
        catch (IOException ex)
        {
            Interlocked.Increment(ref _faults);
            if (_isOpen)
            {
                LogLost(logger, terminalId, device, settings.Path, SerialPortReader.PortExists(settings.Path) ? ex.Message : "device not found");
            }

            if (!reopener.Failed(ex, _isOpen, Interlocked.Read(ref _lastDataTicks) != dataBefore))
            {
                throw;
            }
        }
        finally
        {
            var wasOpen = _isOpen;
            _isOpen = false;
            _grab = GrabState.Off;
            if (fd >= 0)
            {
                _ = LibC.Close(fd); // Closing also ends a grab.
            }

            if (wasOpen)
            {
                _decoder.Reset();
                onClosed();
            }
        }
    }

    private int OpenDevice()
    {
        // O_NONBLOCK: opening a FIFO for reading does not wait for a writer, and reads never block.
        // O_NOCTTY: should the path be a terminal, it must not become the agent's controlling terminal.
        var fd = LibC.Open(settings.Path, LibC.ORdOnly | LibC.ONonBlock | LibC.ONoCtty | LibC.OCloExec);
        if (fd >= 0)
        {
            return fd;
        }

        var errno = LibC.Errno;
        throw new IOException(errno switch
        {
            LibC.ENoEnt => "device not found",
            LibC.EAcces => $"permission denied: the agent's user needs read access to {settings.Path} (group 'input' or a udev rule)",
            _ => LibC.Describe(errno),
        });
    }

    private void TryGrab(int fd, InputFileKind kind)
    {
        if (!settings.Grab)
        {
            return;
        }

        if (kind != InputFileKind.CharacterDevice)
        {
            _grab = GrabState.Skipped;
            LogGrabSkipped(logger, terminalId, device, settings.Path, kind);
            return;
        }

        if (LibC.Ioctl(fd, LibC.EviocGrab, 1) == 0)
        {
            _grab = GrabState.Grabbed;
            LogGrabbed(logger, terminalId, device, settings.Path);
            return;
        }

        var errno = LibC.Errno;
        _grab = GrabState.Failed;
        var reason = errno switch
        {
            LibC.EBusy => "another program holds the grab",
            LibC.ENotTy => "not an evdev device",
            _ => LibC.Describe(errno),
        };
        LogGrabFailed(logger, terminalId, device, settings.Path, reason);
    }

    private void ReadLoop(int fd, InputFileKind kind, Action<InputEvent> onEvent, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReadBufferSize];
        var poll = new LibC.PollFd { Fd = fd, Events = LibC.PollIn };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            poll.Revents = 0;
            var ready = LibC.Poll(ref poll, PollIntervalMilliseconds);
            if (ready < 0)
            {
                var pollErrno = LibC.Errno;
                if (pollErrno == LibC.EIntr)
                {
                    continue;
                }

                throw new IOException($"poll failed: {LibC.Describe(pollErrno)}");
            }

            if (ready == 0)
            {
                continue;
            }

            if ((poll.Revents & LibC.PollNval) != 0)
            {
                throw new IOException("the descriptor was closed");
            }

            var read = (int)LibC.Read(fd, buffer);
            if (read > 0)
            {
                Interlocked.Exchange(ref _lastDataTicks, time.GetUtcNow().UtcTicks);
                _decoder.Feed(buffer.AsSpan(0, read), onEvent);
                continue;
            }

            if (read == 0)
            {
                if (kind != InputFileKind.RegularFile)
                {
                    throw new IOException("end of stream");
                }

                // A file: wait for more to be appended, unless it was removed.
                if (!SerialPortReader.PortExists(settings.Path))
                {
                    throw new IOException("device not found");
                }

                cancellationToken.WaitHandle.WaitOne(PollIntervalMilliseconds);
                continue;
            }

            var errno = LibC.Errno;
            if (errno == LibC.EIntr || (errno == LibC.EAgain && (poll.Revents & (LibC.PollErr | LibC.PollHup)) == 0))
            {
                continue;
            }

            throw new IOException(errno == LibC.ENoDev ? "device removed" : LibC.Describe(errno));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal {TerminalId} {Device}: input device {Path} open ({Kind}, after {Failures} failed attempts)")]
    private static partial void LogOpened(ILogger logger, string terminalId, string device, string path, InputFileKind kind, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: device not found: {Path} (attempt {Attempt}; retrying in {Delay})")]
    private static partial void LogNotFound(ILogger logger, string terminalId, string device, string path, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: cannot open {Path}: {Reason} (attempt {Attempt}; retrying in {Delay})")]
    private static partial void LogOpenFailed(ILogger logger, string terminalId, string device, string path, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: input device {Path} lost: {Reason}; reopening")]
    private static partial void LogLost(ILogger logger, string terminalId, string device, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal {TerminalId} {Device}: grab skipped: {Path} is a {Kind}, not a character device")]
    private static partial void LogGrabSkipped(ILogger logger, string terminalId, string device, string path, InputFileKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal {TerminalId} {Device}: {Path} grabbed exclusively: the POS no longer receives this scanner's keystrokes")]
    private static partial void LogGrabbed(ILogger logger, string terminalId, string device, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: cannot grab {Path}: {Reason}; reading it shared")]
    private static partial void LogGrabFailed(ILogger logger, string terminalId, string device, string path, string reason);
}
