using System.Threading.Channels;

namespace StoreSales.CommandCenter.Live;

/// <summary>
/// "The silos this host is connected to changed": raised by <see cref="ClusterConnectionWatch"/>, taken by
/// <see cref="BoardResync"/>. Its own object, with no dependencies, because the Orleans client builds the watch while the
/// resync needs the client. Several raises before one is taken are one resync.
/// </summary>
public sealed class BoardResyncSignal
{
    private readonly Channel<string> _raised = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a resync; <paramref name="reason"/> is logged.</summary>
    public void Raise(string reason) => _raised.Writer.TryWrite(reason);

    /// <summary>Waits for the next raise; returns its reason.</summary>
    public ValueTask<string> Next(CancellationToken cancellationToken) => _raised.Reader.ReadAsync(cancellationToken);

    /// <summary>A raise waiting to be taken, if any (taken by this call).</summary>
    public bool TryTake(out string reason) => _raised.Reader.TryRead(out reason!);
}
