using System.Diagnostics;
using System.IO.Ports;
using System.Text;
using StoreSales.Edge.Devices.Serial;

namespace StoreSales.Testing;

/// <summary>
/// A pair of linked pseudo-terminals made by socat: the agent opens <see cref="AgentEnd"/> as its serial port,
/// the test plays the device on <see cref="DeviceEnd"/>. Killed and cleaned up on dispose.
/// </summary>
public sealed class SocatPair : IAsyncDisposable
{
    private readonly Process _socat;
    private readonly StringBuilder _log = new();

    private SocatPair(Process socat, string agentEnd, string deviceEnd)
    {
        _socat = socat;
        AgentEnd = agentEnd;
        DeviceEnd = deviceEnd;
    }

    public string AgentEnd { get; }

    public string DeviceEnd { get; }

    /// <summary>Starts socat with links <c>DIR/NAME-agent</c> and <c>DIR/NAME-device</c> and waits for both.</summary>
    public static async Task<SocatPair> StartAsync(string directory, string name, CancellationToken cancellationToken)
    {
        var agentEnd = Path.Combine(directory, $"{name}-agent");
        var deviceEnd = Path.Combine(directory, $"{name}-device");

        // A killed socat leaves its links behind, pointing at ptys that are gone (or reused): never wait on those.
        DeleteLinks(agentEnd, deviceEnd);
        var start = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-d", "-d", $"pty,raw,echo=0,link={agentEnd}", $"pty,raw,echo=0,link={deviceEnd}"])
        {
            start.ArgumentList.Add(arg);
        }

        Process socat;
        try
        {
            socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("socat is needed for the serial tests: apt-get install -y socat", ex);
        }

        var pair = new SocatPair(socat, agentEnd, deviceEnd);
        socat.ErrorDataReceived += (_, e) =>
        {
            lock (pair._log)
            {
                pair._log.AppendLine(e.Data);
            }
        };
        socat.BeginErrorReadLine();
        socat.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!(SerialPortReader.PortExists(agentEnd) && SerialPortReader.PortExists(deviceEnd)))
        {
            if (socat.HasExited || DateTime.UtcNow > deadline)
            {
                await pair.DisposeAsync();
                throw new InvalidOperationException($"socat links did not appear: {pair.Log}");
            }

            await Task.Delay(10, cancellationToken);
        }

        return pair;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Opens the device end to write to, with whatever was pending discarded.</summary>
    public DeviceEnd OpenDevice()
    {
        var port = new SerialPort(DeviceEnd, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        port.DiscardInBuffer();
        return new DeviceEnd(port);
    }

    /// <summary>Ends socat: the links disappear, as when a USB adapter is pulled.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill(entireProcessTree: true);
            }

            await _socat.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _socat.Dispose();
            DeleteLinks(AgentEnd, DeviceEnd);
        }
    }

    private static void DeleteLinks(params string[] links)
    {
        foreach (var link in links)
        {
            File.Delete(link);
        }
    }
}

/// <summary>The test's side of a serial link: writes bytes as a till or scanner would.</summary>
public sealed class DeviceEnd(SerialPort port) : IDisposable
{
    public void Write(ReadOnlySpan<byte> bytes)
    {
        port.BaseStream.Write(bytes);
        port.BaseStream.Flush();
    }

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Writes in small pieces with pauses, so the reader sees lines split across reads.</summary>
    public async Task WriteChunkedAsync(string text, int chunkSize, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            Write(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)));
            await Task.Delay(2, cancellationToken);
        }
    }

    public void Dispose() => port.Dispose();
}
