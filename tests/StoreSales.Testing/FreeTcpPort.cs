using System.Net;
using System.Net.Sockets;

namespace StoreSales.Testing;

/// <summary>
/// Loopback ports for the hosts a test starts. Taken from 20000–29999, below Linux's ephemeral range (32768–60999 by
/// default, <c>net.ipv4.ip_local_port_range</c>) from which every outgoing connection draws its source port: a port the
/// system handed out as free (port 0) and released was taken by one of the suite's thousands of client connections
/// before a command center bound it ("address already in use", a CI run of 2026-12-06). Each process starts at a place
/// of its own in the range and walks it, so two test processes rarely even try the same port; each port is checked free.
/// Rarely is not never (a command center's port taken by another test process between the check and the bind, CI
/// 2026-12-07): the test hosts' HTTP ports are now bound as port 0 instead; this remains for ports a host must know before
/// it starts (Orleans' silo and gateway ports, a port a test restarts a host on, the tests' own receivers).
/// </summary>
public static class FreeTcpPort
{
    private const int First = 20_000;
    private const int Count = 10_000;
    private static int _next = Environment.ProcessId * 7_919 % Count;

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int Next()
    {
        for (var tried = 0; tried < Count; tried++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port from {First} to {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
