namespace StoreSales.CommandCenter.Customers;

/// <summary>
/// Wakes the import worker when a file was just uploaded to this command center, so that its job starts at once rather
/// than at the next poll (which still finds jobs uploaded to another command center, or left by one that stopped).
/// </summary>
public sealed class CustomerImportSignal : IDisposable
{
    private readonly SemaphoreSlim _uploaded = new(0, 1);

    public void Uploaded()
    {
        if (_uploaded.CurrentCount == 0)
        {
            try
            {
                _uploaded.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a simultaneous upload: one wake-up is enough.
            }
        }
    }

    public void Dispose() => _uploaded.Dispose();

    /// <summary>Waits for an upload or for <paramref name="interval"/> on <paramref name="clock"/>, whichever comes first.</summary>
    public async Task WaitForWork(TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var uploaded = _uploaded.WaitAsync(waiting.Token);
        var elapsed = Task.Delay(interval, clock, waiting.Token);
        await Task.WhenAny(uploaded, elapsed);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
