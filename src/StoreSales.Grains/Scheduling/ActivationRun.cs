namespace StoreSales.Grains.Scheduling;

/// <summary>
/// A scheduled job's run that takes longer than a grain call may (a night's grading, a month's report): a task of the
/// activation, started by one call (a reminder tick) and found under way by the next. Deactivating the grain (a silo
/// shutting down) cancels it and waits for it, so its transaction rolls back and the next activation does it again.
/// </summary>
internal sealed class ActivationRun : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    /// <summary>Cancelled when the activation deactivates; the run's I/O takes it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public bool IsUnderWay => _run is { IsCompleted: false };

    /// <summary>
    /// Starts <paramref name="run"/>, which should yield first so that the call starting it returns while it goes on in
    /// the activation's turns.
    /// </summary>
    public void Start(Func<Task> run) => _run = run();

    /// <summary>For the grain's <c>OnDeactivateAsync</c>: cancels the run and waits for it (its failure is its own to log).</summary>
    public async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_run is { } run)
        {
            await run.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
