using System.Runtime.ExceptionServices;
using Polly;
using StoreSales.Edge.Resilience;

namespace StoreSales.Edge.Devices;

/// <summary>
/// Keeps a device open through <see cref="RetryUntilItWorks"/>: a session (open, then read until the device fails)
/// is run again and again until the agent stops; a failed open waits, doubling from the first delay to the
/// longest. A session that delivered data and then lost the device starts a new outage, whose wait starts again
/// at the first delay, so a scanner unplugged after a day of work is reopened soon rather than after the longest
/// wait; one that fails before delivering anything waits longer each time, so a device that opens and fails at
/// once cannot spin.
/// </summary>
internal sealed class DeviceReopener
{
    private readonly ResiliencePipeline<bool> _pipeline;
    private bool _lostWhileOpen;
    private Exception? _loss;

    /// <param name="isDeviceFault">Exceptions that mean "the device failed" (anything else ends the reader).</param>
    /// <param name="logOpenFailure">Logs a failed open with the attempt and the wait: called for the first failure, then one in twenty, so a device missing for days does not flood the log.</param>
    public DeviceReopener(TimeSpan firstDelay, TimeSpan maxDelay, TimeProvider time, Func<Exception, bool> isDeviceFault, Action<Exception, int, TimeSpan> logOpenFailure)
    {
        _pipeline = RetryUntilItWorks.Create<bool>(
            firstDelay,
            maxDelay,
            time,
            shouldRetry: o => o.Exception is { } ex && isDeviceFault(ex),
            onRetry: args =>
            {
                // A loss is logged by the reader when it happens.
                if (!_lostWhileOpen && (FailuresInARow == 1 || FailuresInARow % 20 == 0))
                {
                    logOpenFailure(args.Outcome.Exception!, FailuresInARow, args.RetryDelay);
                }

                return ValueTask.CompletedTask;
            });
    }

    /// <summary>Failed opens (and losses before any data) since the device was last open and working.</summary>
    public int FailuresInARow { get; private set; }

    /// <summary>
    /// Runs <paramref name="session"/> until <paramref name="cancellationToken"/> is cancelled. The session calls
    /// <see cref="Opened"/> and <see cref="Failed"/>; it returns after delivering data and losing the device, and
    /// throws a device fault otherwise.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, ValueTask> session, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // One execution per outage: Polly's attempt count, and so the wait, starts again with each.
                await _pipeline.ExecuteAsync(
                    static async (state, token) =>
                    {
                        var (self, s) = state;
                        if (self._loss is { } loss)
                        {
                            // The loss that ended the last session is this outage's first failure: the retry waits
                            // the first delay before reopening, as after a failed open.
                            self._loss = null;
                            ExceptionDispatchInfo.Throw(loss);
                        }

                        await s(token);
                        return true;
                    },
                    (this, session),
                    cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>The device opened: the failures before it are logged by the caller, and forgotten.</summary>
    public void Opened() => FailuresInARow = 0;

    /// <summary>
    /// The session failed with <paramref name="fault"/>, <paramref name="whileOpen"/> after opening the device. True
    /// when it had delivered data: the session should return, ending the outage's backoff; false when it should
    /// rethrow (the retry waits longer).
    /// </summary>
    public bool Failed(Exception fault, bool whileOpen, bool deliveredData)
    {
        _lostWhileOpen = whileOpen;
        if (whileOpen && deliveredData)
        {
            FailuresInARow = 0;
            _loss = fault;
            return true;
        }

        FailuresInARow++;
        return false;
    }
}
