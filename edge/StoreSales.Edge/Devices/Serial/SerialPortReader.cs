using System.IO.Ports;
using Microsoft.Extensions.Logging;

namespace StoreSales.Edge.Devices.Serial;

/// <summary>How to open one serial port and how patiently to reopen it.</summary>
public sealed record SerialPortSettings(string Path, int BaudRate, TimeSpan RetryDelay, TimeSpan RetryMaxDelay)
{
    public int DataBits { get; init; } = 8;

    public Parity Parity { get; init; } = Parity.None;

    public StopBits StopBits { get; init; } = StopBits.One;

    public Handshake Handshake { get; init; } = Handshake.None;

    /// <summary>
    /// When set, a line quiet for this long after bytes arrived calls the reader's <c>onQuiet</c>: how frames of a
    /// device that sends no suffix end.
    /// </summary>
    public TimeSpan? QuietGap { get; init; }
}

/// <summary>
/// Opens a serial port by path (a <c>/dev/serial/by-id/…</c> link, a pty, <c>COM3</c>), reads it with
/// <c>BaseStream.ReadAsync</c> (on Linux: straight from the tty) and hands every chunk to the caller, who does the framing. A port that cannot
/// be opened, or that goes away while open (a USB adapter pulled), is reopened through
/// <see cref="DeviceReopener"/> (waits doubling from <see cref="SerialPortSettings.RetryDelay"/> to
/// <see cref="SerialPortSettings.RetryMaxDelay"/>) until cancellation: a device problem never ends the agent.
/// </summary>
/// <remarks>
/// <para>Bytes the device sent while the agent was not reading are kept by the OS and arrive after <c>Open()</c>.
/// The agent does not discard them: they may be the tail of a real sale. A partial first line is counted
/// as malformed by the framing above.</para>
/// <para>On Linux, System.IO.Ports serves a read from a loop that calls <c>poll</c> with a 1 ms timeout
/// (<c>SerialStream.Unix.cs</c>, <c>IOLoop</c>) and stops that loop only after 2 s with no read pending. A read left
/// waiting on a quiet port therefore costs about a thousand wake-ups a second, per port (7.7 % of a core for four idle
/// ports), and a scanner sending a code every few hundred milliseconds never lets the loop rest (eight busy scanners: its
/// sleeps and wake-ups were the largest share of the agent's 15–22 % of a core). So on Linux the reader waits for input
/// and reads it itself, through a second, read-only descriptor of the same tty (<see cref="TtyInput"/>), on a thread of
/// its own; <c>SerialPort</c> still opens the port exclusively and configures it (speed, bits, parity, handshake), and
/// its loop never starts.
/// Windows reads overlapped and has no such loop: there the read simply stays pending.</para>
/// </remarks>
public sealed partial class SerialPortReader(SerialPortSettings settings, string terminalId, string device, ILogger logger, TimeProvider time)
{
    private const int ReadBufferSize = 4096;

    public string Path => settings.Path;

    public bool IsOpen { get; private set; }

    /// <summary>Times the port was (re)opened.</summary>
    public long Opens => Interlocked.Read(ref _opens);

    /// <summary>Failed opens plus reads that ended in an error.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>When the port last delivered bytes; null when it has not yet.</summary>
    public DateTimeOffset? LastDataAt => Interlocked.Read(ref _lastDataTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private long _opens;
    private long _faults;
    private long _lastDataTicks;
    private volatile Stream? _stream;

    /// <param name="onData">Called with each chunk read, in order, never concurrently.</param>
    /// <param name="onClosed">Called after an open port closed or failed (framing state should be reset).</param>
    /// <param name="onQuiet">With <see cref="SerialPortSettings.QuietGap"/>: called once the line has been quiet that
    /// long after bytes arrived (never concurrently with <paramref name="onData"/>).</param>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onData, Action onClosed, CancellationToken cancellationToken, Action? onQuiet = null)
    {
        var buffer = new byte[ReadBufferSize];
        var receivers = new Receivers(onData, onQuiet);
        var reopener = new DeviceReopener(
            settings.RetryDelay,
            settings.RetryMaxDelay,
            time,
            isDeviceFault: ex => ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException,
            logOpenFailure: (ex, attempt, delay) =>
            {
                if (PortExists(settings.Path))
                {
                    LogOpenFailed(logger, terminalId, device, settings.Path, ex.Message, attempt, delay);
                }
                else
                {
                    LogPortNotFound(logger, terminalId, device, settings.Path, attempt, delay);
                }
            });
        await reopener.RunAsync(token => SessionAsync(reopener, buffer, receivers, onClosed, token), cancellationToken);
    }

    /// <summary>Opens the port and reads it until it fails (see <see cref="DeviceReopener"/>).</summary>
    private async ValueTask SessionAsync(DeviceReopener reopener, byte[] buffer, Receivers receivers, Action onClosed, CancellationToken cancellationToken)
    {
        SerialPort? port = null;
        TtyInput? input = null;
        var dataBefore = Interlocked.Read(ref _lastDataTicks);
        try
        {
            // Opened before the SerialPort, which makes the tty exclusive (TIOCEXCL) once it has it.
            input = OperatingSystem.IsLinux() ? TtyInput.Open(settings.Path) : null;
            port = new SerialPort(settings.Path, settings.BaudRate, settings.Parity, settings.DataBits, settings.StopBits)
            {
                Handshake = settings.Handshake,
                ReadBufferSize = ReadBufferSize,
            };
            port.Open();
            Interlocked.Increment(ref _opens);
            IsOpen = true;
            LogOpened(logger, terminalId, device, settings.Path, reopener.FailuresInARow);
            reopener.Opened();

            var stream = port.BaseStream;
            _stream = stream;
            if (input is null)
            {
                await ReadPendingAsync(stream, buffer, receivers, cancellationToken);
            }
            else
            {
                // A thread of its own: an idle port must not hold a pool thread while it waits in poll.
                var tty = input;
                await Task.Factory.StartNew(
                    () => ReadWhenReady(tty, buffer, receivers, cancellationToken),
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            Interlocked.Increment(ref _faults);
            if (IsOpen)
            {
                LogLost(logger, terminalId, device, settings.Path, PortExists(settings.Path) ? ex.Message : "port not found");
            }

            if (!reopener.Failed(ex, IsOpen, Interlocked.Read(ref _lastDataTicks) != dataBefore))
            {
                throw;
            }
        }
        finally
        {
            _stream = null;
            input?.Dispose();
            var wasOpen = IsOpen;
            IsOpen = false;
            try
            {
                port?.Dispose();
            }
            catch (IOException)
            {
                // The device is already gone; nothing left to release.
            }

            if (wasOpen)
            {
                onClosed();
            }
        }
    }

    /// <summary>Stamps a read's arrival; a read of nothing means the port is gone.</summary>
    private int Received(int read)
    {
        if (read == 0)
        {
            throw new IOException("The port reported end of stream.");
        }

        Interlocked.Exchange(ref _lastDataTicks, time.GetUtcNow().UtcTicks);
        return read;
    }

    /// <summary>Linux: waits in <c>poll</c> until the tty has input, then reads it from the tty itself.</summary>
    private void ReadWhenReady(TtyInput tty, byte[] buffer, Receivers to, CancellationToken cancellationToken)
    {
        var quietPending = false;
        while (true)
        {
            var gap = quietPending ? settings.QuietGap : null;
            var state = tty.Wait(gap, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (state == TtyState.Quiet)
            {
                quietPending = false;
                to.OnQuiet?.Invoke();
                continue;
            }

            if (state == TtyState.HungUp)
            {
                throw new IOException("The port hung up.");
            }

            var count = tty.Read(buffer);
            if (count == 0)
            {
                continue;
            }

            var read = Received(count);
            var handled = to.OnData(buffer.AsMemory(0, read), cancellationToken);
            if (!handled.IsCompletedSuccessfully)
            {
                handled.AsTask().GetAwaiter().GetResult();
            }

            quietPending = settings.QuietGap is not null;
        }
    }

    /// <summary>Elsewhere (Windows: overlapped I/O, no polling loop): one read stays pending; a quiet gap races it.</summary>
    private async Task ReadPendingAsync(Stream stream, byte[] buffer, Receivers to, CancellationToken cancellationToken)
    {
        var quietPending = false;
        while (true)
        {
            var reading = stream.ReadAsync(buffer, cancellationToken).AsTask();
            while (quietPending && settings.QuietGap is { } gap)
            {
                var first = await Task.WhenAny(reading, Task.Delay(gap, time, cancellationToken));
                if (first == reading)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                quietPending = false;
                to.OnQuiet?.Invoke();
            }

            var read = Received(await reading);
            await to.OnData(buffer.AsMemory(0, read), cancellationToken);
            quietPending = settings.QuietGap is not null;
        }
    }

    /// <summary>
    /// Writes to the port while <see cref="RunAsync"/> has it open (a receipt forwarded to the real printer, a
    /// printer's status reply). False when the port is not open or the write failed or took longer than
    /// <paramref name="timeout"/>; reopening stays the reader's job. Not for concurrent callers.
    /// </summary>
    public async ValueTask<bool> TryWriteAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stream = _stream;
        if (stream is null)
        {
            return false;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await stream.WriteAsync(data, timer.Token);
            await stream.FlushAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the path leads to something: a device, or a link whose final target exists. A missing port
    /// surfaces as <see cref="UnauthorizedAccessException"/> from <c>Open()</c>, and a pty link outlives its pty.
    /// </summary>
    public static bool PortExists(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.LinkTarget is null ? info.Exists : info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Where a read session hands what it read, and what it calls when the line went quiet.</summary>
    private readonly record struct Receivers(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> OnData, Action? OnQuiet);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal {TerminalId} {Device}: port {Path} open (after {Failures} failed attempts)")]
    private static partial void LogOpened(ILogger logger, string terminalId, string device, string path, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: port not found: {Path} (attempt {Attempt}; retrying in {Delay})")]
    private static partial void LogPortNotFound(ILogger logger, string terminalId, string device, string path, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: cannot open port {Path}: {Reason} (attempt {Attempt}; retrying in {Delay})")]
    private static partial void LogOpenFailed(ILogger logger, string terminalId, string device, string path, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: port {Path} lost: {Reason}; reopening")]
    private static partial void LogLost(ILogger logger, string terminalId, string device, string path, string reason);
}
