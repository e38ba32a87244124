using System.Net.Sockets;
using System.Text;

namespace StoreSales.Faults.Tests;

/// <summary>
/// Slow-loris connections to a silo's ingest port: each sends a sale batch's headers and the first byte of a large body,
/// then nothing more, holding its connection for as long as the server lets it.
/// </summary>
public sealed class SlowLoris : IAsyncDisposable
{
    private readonly List<TcpClient> _clients = [];

    public int Opened => _clients.Count;

    public static async Task<SlowLoris> Open(Uri server, string storeId, int connections, CancellationToken cancellationToken)
    {
        var loris = new SlowLoris();
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/stores/{storeId}/sales/batches HTTP/1.1\r\nHost: {server.Authority}\r\nX-Store-Key: demo-key-{storeId}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{{");
        for (var i = 0; i < connections; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(server.Host, server.Port, cancellationToken);
            await client.GetStream().WriteAsync(head, cancellationToken);
            loris._clients.Add(client);
        }

        return loris;
    }

    /// <summary>True once the server has closed every connection (a read ends, or the socket is reset).</summary>
    public bool AllClosedByServer() => _clients.All(Closed);

    private static bool Closed(TcpClient client)
    {
        try
        {
            var socket = client.Client;
            // Readable with nothing to read: the other end closed.
            return socket.Poll(0, SelectMode.SelectRead) && (socket.Available == 0 || Drain(socket));
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Reads an answer the server sent before closing (a 408 or 400); true once the close follows it.</summary>
    private static bool Drain(Socket socket)
    {
        var buffer = new byte[4096];
        while (socket.Available > 0)
        {
            _ = socket.Receive(buffer);
        }

        return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
