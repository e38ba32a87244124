using Polly;
using Polly.Retry;

namespace StoreSales.Edge.Resilience;

/// <summary>
/// The agent's one Polly pipeline for "keep trying until it works": reopening a device, writing to the outbox
/// database, uploading the outbox. Unlimited attempts; the wait doubles from <c>firstDelay</c> to <c>maxDelay</c>
/// (exponential backoff, optionally jittered), on the agent's <see cref="TimeProvider"/>; only cancellation (the
/// agent stopping) ends it. The attempt count, and so the wait, starts again with every execution: a caller runs
/// one execution per outage.
/// </summary>
public static class RetryUntilItWorks
{
    /// <param name="firstDelay">Wait after the first failed attempt.</param>
    /// <param name="maxDelay">Longest wait between two attempts.</param>
    /// <param name="time">The agent's clock.</param>
    /// <param name="shouldRetry">Which outcomes are failures to retry; anything else ends the execution (a result or a thrown exception).</param>
    /// <param name="onRetry">Called before each wait, with the failure, the attempt number (0-based) and the wait: where callers log and count.</param>
    /// <param name="delayFor">A wait the failure itself dictates (a server's Retry-After), instead of the backoff; null: the backoff.</param>
    /// <param name="jitter">Spread the waits (many agents retrying one server); off for a local device or disk.</param>
    public static ResiliencePipeline<T> Create<T>(
        TimeSpan firstDelay,
        TimeSpan maxDelay,
        TimeProvider time,
        Func<Outcome<T>, bool> shouldRetry,
        Func<OnRetryArguments<T>, ValueTask> onRetry,
        Func<Outcome<T>, TimeSpan?>? delayFor = null,
        bool jitter = false) =>
        new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not OperationCanceledException && shouldRetry(args.Outcome)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = jitter,
                Delay = firstDelay,
                MaxDelay = maxDelay,
                DelayGenerator = delayFor is null ? null : args => ValueTask.FromResult(delayFor(args.Outcome)),
                OnRetry = onRetry,
            })
            .Build();
}
