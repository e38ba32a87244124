using Orleans.Storage;

namespace StoreSales.Grains.Sales;

/// <summary>
/// When a grain's <see cref="FiguresCheckpoint{TState}"/> is written: every <see cref="LiveOptions.CheckpointInterval"/>
/// when the figures changed, as soon as the grain is free once <see cref="LiveOptions.CheckpointAfterSales"/> sales were
/// counted (from a timer, not inside the turn that counted them), and best effort on deactivation. A write that fails
/// loses nothing (the ledger holds every counted sale): the next tick tries again. A write refused because another
/// activation wrote the row means this activation's view is stale: <c>stale</c> deactivates the grain, which reloads it.
/// </summary>
internal sealed class CheckpointSchedule<TState>(IGrainBase grain, FiguresCheckpoint<TState> figures, LiveOptions live, Action<Exception> failed, Action stale)
    where TState : class, ILiveFigures
{
    private IGrainTimer? _soon;

    /// <summary>Starts the interval's timer (from the grain's activation).</summary>
    public void Start() =>
        grain.RegisterGrainTimer(Checkpoint, new GrainTimerCreationOptions(live.CheckpointInterval, live.CheckpointInterval) { Interleave = false });

    /// <summary>After sales were counted: a checkpoint as soon as the grain is free when enough of them wait.</summary>
    public void Counted()
    {
        if (figures.Due)
        {
            _soon ??= grain.RegisterGrainTimer(Soon, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
        }
    }

    /// <summary>Best effort only (not run when a silo dies): what it misses, the next activation reads from the ledger.</summary>
    public Task Deactivating(CancellationToken cancellationToken) => Write(reloadWhenStale: false, cancellationToken);

    private async Task Soon(CancellationToken cancellationToken)
    {
        // Disposed only after the write: disposing a grain timer cancels its callback's token, and the storage write
        // then failed with OperationCanceledException (seen in up.sh's log: every "soon" checkpoint was lost).
        var timer = _soon;
        _soon = null;
        try
        {
            await Checkpoint(cancellationToken);
        }
        finally
        {
            timer?.Dispose();
        }
    }

    private Task Checkpoint(CancellationToken cancellationToken) => Write(reloadWhenStale: true, cancellationToken);

    private async Task Write(bool reloadWhenStale, CancellationToken cancellationToken)
    {
        if (!figures.Changed)
        {
            return;
        }

        try
        {
            await figures.Write(cancellationToken);
        }
        catch (InconsistentStateException ex) when (reloadWhenStale)
        {
            // Another activation wrote the row: this one's view is stale; reload it from the checkpoint and the ledger.
            failed(ex);
            stale();
        }
        catch (Exception ex) when (!reloadWhenStale || ex is not OperationCanceledException)
        {
            // Nothing is lost (the ledger holds every counted sale): the next tick, or the next activation, covers it.
            failed(ex);
        }
    }
}
