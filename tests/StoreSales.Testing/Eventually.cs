namespace StoreSales.Testing;

/// <summary>
/// The one way tests wait: for a condition, polled, up to a limit that only a broken system reaches. Never a fixed
/// delay: a fast machine does not wait for nothing, a slow one is not failed for being slow.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(20);

    // The first reads come quickly (most conditions hold within milliseconds); a condition still false after that waits
    // for a timer, a process or a retry, and reading it 50 times a second only takes CPU from the system under test
    // (two cores shared by dozens of processes during the suite). So the pause doubles up to a fifth of a second.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(200);

    private static TimeSpan Next(TimeSpan poll) => poll * 2 < LongestPoll ? poll * 2 : LongestPoll;

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="limit"/>.</summary>
    public static Task Holds(Func<Task<bool>> condition, string what, TimeSpan? limit = null, CancellationToken cancellationToken = default) =>
        Holds(condition, what, limit, Next, cancellationToken);

    /// <summary>
    /// As <see cref="Holds(Func{Task{bool}}, string, TimeSpan?, CancellationToken)"/>, reading every 20 ms however long it
    /// takes: for a wait whose moment matters (a process to be killed mid-upload must be killed mid-upload).
    /// </summary>
    public static Task HoldsPromptly(Func<Task<bool>> condition, string what, TimeSpan? limit = null, CancellationToken cancellationToken = default) =>
        Holds(condition, what, limit, poll => poll, cancellationToken);

    private static async Task Holds(Func<Task<bool>> condition, string what, TimeSpan? limit, Func<TimeSpan, TimeSpan> next, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        var poll = FirstPoll;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {limit ?? DefaultLimit}: {what}");
            }

            await Task.Delay(poll, cancellationToken);
            poll = next(poll);
        }
    }

    /// <inheritdoc cref="Holds(Func{Task{bool}}, string, TimeSpan?, CancellationToken)"/>
    public static Task Holds(Func<bool> condition, string what, TimeSpan? limit = null, CancellationToken cancellationToken = default) =>
        Holds(() => Task.FromResult(condition()), what, limit, cancellationToken);

    /// <summary>
    /// Reads until <paramref name="done"/> holds or <paramref name="timeout"/> passes, and returns the last value read,
    /// so that the test's own assertion shows what it saw when the condition never came true.
    /// </summary>
    /// <param name="poll">Between reads, when a read is costly (a whole demo's figures over HTTP); else 20 ms, doubling up to 200 ms.</param>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultLimit);
        var pause = poll ?? FirstPoll;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow >= deadline)
            {
                return value;
            }

            await Task.Delay(pause);
            pause = poll ?? Next(pause);
        }
    }

    /// <inheritdoc cref="Until{T}(Func{Task{T}}, Func{T, bool}, TimeSpan?)"/>
    public static Task<bool> Until(Func<bool> done, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(done()), d => d, timeout);
}
