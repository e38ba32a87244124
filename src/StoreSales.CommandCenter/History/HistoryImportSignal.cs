using System.Threading.Channels;

namespace StoreSales.CommandCenter.History;

/// <summary>
/// Wakes the history import worker when a file was just uploaded to this command center, so that its job starts at once
/// rather than at the next poll (which still finds jobs uploaded to another command center, or left by one that stopped).
/// Many uploads at once are one wake-up: the channel holds at most one.
/// </summary>
public sealed class HistoryImportSignal
{
    private readonly Channel<bool> _uploads = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Uploaded() => _uploads.Writer.TryWrite(true);

    /// <summary>Waits for an upload or for <paramref name="interval"/> on <paramref name="clock"/>, whichever comes first.</summary>
    public async Task WaitForWork(TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(interval);
        try
        {
            await _uploads.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval passed: look for work anyway.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
