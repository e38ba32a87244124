using System.IO.Ports;
using Microsoft.Extensions.Logging;

namespace StoreSales.Edge.Devices.Serial;

/// <summary>How to open one serial port and how patiently to reopen it.</summary>
public sealed record SerialPortSettings(string Path, int BaudRate, TimeSpan RetryDelay, TimeSpan RetryMaxDelay);

/// <summary>
/// Opens a serial port by path (a <c>/dev/serial/by-id/…</c> link, a pty, <c>COM3</c>), reads it with
/// <c>BaseStream.ReadAsync</c> and hands every chunk to the caller, who does the framing. A port that cannot
/// be opened, or that goes away while open (a USB adapter pulled), is reopened with doubling backoff until
/// cancellation: a device problem never ends the agent.
/// </summary>
/// <remarks>
/// Bytes the device sent while the agent was not reading are kept by the OS and arrive after <c>Open()</c>.
/// The agent does not discard them: they may be the tail of a real sale. A partial first line is counted
/// as malformed by the framing above.
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
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onData, Action onClosed, CancellationToken cancellationToken)
    {
        var delay = settings.RetryDelay;
        var failuresInARow = 0;
        var buffer = new byte[ReadBufferSize];

        while (!cancellationToken.IsCancellationRequested)
        {
            SerialPort? port = null;
            try
            {
                port = new SerialPort(settings.Path, settings.BaudRate, Parity.None, 8, StopBits.One)
                {
                    Handshake = Handshake.None,
                    ReadBufferSize = ReadBufferSize,
                };
                port.Open();
                Interlocked.Increment(ref _opens);
                IsOpen = true;
                LogOpened(logger, terminalId, device, settings.Path, failuresInARow);
                failuresInARow = 0;
                delay = settings.RetryDelay;

                var stream = port.BaseStream;
                _stream = stream;
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        throw new IOException("The port reported end of stream.");
                    }

                    Interlocked.Exchange(ref _lastDataTicks, time.GetUtcNow().UtcTicks);
                    await onData(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                Interlocked.Increment(ref _faults);
                failuresInARow++;
                var wasOpen = IsOpen;
                var missing = !PortExists(settings.Path);
                if (wasOpen)
                {
                    LogLost(logger, terminalId, device, settings.Path, missing ? "port not found" : ex.Message);
                }
                else if (failuresInARow == 1 || failuresInARow % 20 == 0)
                {
                    // First failure, then one line in twenty: a port missing for days must not flood the log.
                    if (missing)
                    {
                        LogPortNotFound(logger, terminalId, device, settings.Path, failuresInARow, delay);
                    }
                    else
                    {
                        LogOpenFailed(logger, terminalId, device, settings.Path, ex.Message, failuresInARow, delay);
                    }
                }
            }
            finally
            {
                _stream = null;
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

            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.RetryMaxDelay.Ticks));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal {TerminalId} {Device}: port {Path} open (after {Failures} failed attempts)")]
    private static partial void LogOpened(ILogger logger, string terminalId, string device, string path, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: port not found: {Path} (attempt {Attempt}; retrying in {Delay})")]
    private static partial void LogPortNotFound(ILogger logger, string terminalId, string device, string path, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: cannot open port {Path}: {Reason} (attempt {Attempt}; retrying in {Delay})")]
    private static partial void LogOpenFailed(ILogger logger, string terminalId, string device, string path, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} {Device}: port {Path} lost: {Reason}; reopening")]
    private static partial void LogLost(ILogger logger, string terminalId, string device, string path, string reason);
}
