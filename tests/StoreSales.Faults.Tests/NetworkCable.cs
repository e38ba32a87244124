using System.Net;
using System.Net.Sockets;

namespace StoreSales.Faults.Tests;

/// <summary>
/// The store's line to HQ: a TCP forwarder per silo on a port of its own, which the agent is given instead of the silos'
/// URLs. Unplugged, nothing listens there and every open connection is cut (the agent sees "connection refused", as with a
/// dead line); plugged in again, it listens on the same port and forwards to the silo.
/// </summary>
public sealed class NetworkCable : IAsyncDisposable
{
    private readonly List<(int Port, Uri Silo)> _lines;
    private readonly List<TcpListener> _listeners = [];
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource _plugged = new();

    public NetworkCable(IEnumerable<Uri> silos)
    {
        _lines = [.. silos.Select(s => (StoreSales.Testing.FreeTcpPort.Next(), s))];
    }

    /// <summary>The URLs the agent is given: one per silo, through the cable.</summary>
    public IReadOnlyList<Uri> Urls => [.. _lines.Select(l => new Uri($"http://127.0.0.1:{l.Port}"))];

    public void PlugIn()
    {
        _plugged = new CancellationTokenSource();
        foreach (var (port, silo) in _lines)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listeners.Add(listener);
            _ = Accept(listener, silo, _plugged.Token);
        }
    }

    public async Task Unplug()
    {
        await _plugged.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        _listeners.Clear();
        lock (_gate)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task Accept(TcpListener listener, Uri silo, CancellationToken unplugged)
    {
        while (!unplugged.IsCancellationRequested)
        {
            TcpClient store;
            try
            {
                store = await listener.AcceptTcpClientAsync(unplugged);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var hq = new TcpClient();
            lock (_gate)
            {
                _open.Add(store);
                _open.Add(hq);
            }

            _ = Forward(store, hq, silo, unplugged);
        }
    }

    private static async Task Forward(TcpClient store, TcpClient hq, Uri silo, CancellationToken unplugged)
    {
        try
        {
            await hq.ConnectAsync(silo.Host, silo.Port, unplugged);
            var up = store.GetStream().CopyToAsync(hq.GetStream(), unplugged);
            var down = hq.GetStream().CopyToAsync(store.GetStream(), unplugged);
            await Task.WhenAny(up, down);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The line was cut, or one end closed.
        }
        finally
        {
            store.Dispose();
            hq.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await Unplug();
}
